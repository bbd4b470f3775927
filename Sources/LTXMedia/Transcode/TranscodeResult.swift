public struct TranscodeResult: Sendable, Codable, Equatable {
    /// Where in the input the output starts, in seconds (0 without a window).
    public var inputStart: Double
    public var videoFrames: Int
    /// Frames added by padding (the last picture repeated).
    public var paddedFrames: Int
    public var audioSamples: Int64
    public var audioSampleRate: Int?
}
