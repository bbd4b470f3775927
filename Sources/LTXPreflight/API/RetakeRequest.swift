
/// The section of a retake: `start_time` and `duration`, in seconds.
public struct RetakeSection: Sendable, Codable, Equatable {
    public var start: Double
    public var duration: Double

    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }

    public var end: Double { start + duration }

    /// What the API does with a section that runs past the end: it clamps
    /// it to the video (NOTES.md). Nil when nothing is left.
    public func clamped(toVideoDuration videoDuration: Double) -> RetakeSection? {
        let s = max(0, start)
        let e = min(end, videoDuration)
        return e > s ? RetakeSection(start: s, duration: e - s) : nil
    }
}
