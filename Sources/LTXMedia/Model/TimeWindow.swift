/// A span of an input's timeline, in seconds.
public struct TimeWindow: Sendable, Codable, Equatable {
    public var start: Double
    public var duration: Double
    public var end: Double { start + duration }

    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }
}
