public struct TranscodeProgress: Sendable, Equatable {
    public var framesDone: Int
    public var framesExpected: Int?
    /// Seconds of the input's timeline done.
    public var secondsDone: Double
}
