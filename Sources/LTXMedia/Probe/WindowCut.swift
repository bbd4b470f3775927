/// What a window cut of a video sends (`MediaProbe.windowCut`).
public struct WindowCut: Sendable, Equatable {
    /// Where a stream copy starts: the keyframe at or before the window's
    /// start; nil when the stream has no picture there.
    public var keyframe: Double?
    /// Pictures a stream copy from `keyframe` to the window's end holds.
    public var copiedFrames: Int
    /// Pictures an exact (re-encoded) cut from the window's start holds.
    public var exactFrames: Int
    /// When the stream copy's last picture is shown, in seconds; nil when it holds none.
    public var copiedUntil: Double?

    public init(keyframe: Double?, copiedFrames: Int, exactFrames: Int, copiedUntil: Double? = nil) {
        self.keyframe = keyframe
        self.copiedFrames = copiedFrames
        self.exactFrames = exactFrames
        self.copiedUntil = copiedUntil
    }
}
