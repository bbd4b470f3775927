import LTXMedia
import LTXPreflight

/// What a fix did.
public struct FixOutcome: Sendable, Codable, Equatable {
    public struct Padding: Sendable, Codable, Equatable {
        /// Frames added after the input's last one, by repeating it.
        public var frames: Int
        public var seconds: Double
        /// Trim the output back to this many frames to undo the padding.
        public var originalFrames: Int
    }

    public var input: String
    public var output: String
    public var plan: FixPlan
    public var window: WindowMapping?
    public var padding: Padding?
    public var transcode: TranscodeResult?
    /// The image written, and in which encoding of the plan's ladder.
    public var image: ImageConverter.Result?
    /// The output's own check: conformant, or the fix would have failed.
    public var report: CheckReport
}

extension FixOutcome.Padding {
    /// `frames` added to `video`, timed at its rate (`AssumedFrameRate` when it has none).
    init(frames: Int, of video: VideoStreamInfo) {
        self.init(frames: frames, seconds: Double(frames) / AssumedFrameRate.of(video.frameRate), originalFrames: video.frameCount)
    }
}
