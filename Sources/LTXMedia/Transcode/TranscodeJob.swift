/// One input made into one output file: for each stream, copy or encode,
/// optionally within a window of the timeline, optionally padded.
public struct TranscodeJob: Sendable, Equatable {
    public var input: String
    /// Where to write. Callers pass a temporary path and rename it into place.
    public var output: String
    public var format: OutputFormat
    /// Part of the input to keep. With a copied video it starts at the last
    /// keyframe at or before `window.start` (reported in the result).
    public var window: TimeWindow?
    public var video: StreamPlan<VideoEncoding>
    public var audio: StreamPlan<AudioEncoding>
    /// Repeat the last picture until the video has this many frames (encode only).
    public var padVideoToFrames: Int?
    /// Hold the first picture this many frames before the input's (encode
    /// only); the sound, when encoded, starts as much later after silence.
    public var leadFrames: Int?
    /// Frames expected, for progress.
    public var expectedFrames: Int?
    public var effect: SectionEffect?

    public init(input: String, output: String, format: OutputFormat = .mp4, window: TimeWindow? = nil,
                video: StreamPlan<VideoEncoding> = .copy, audio: StreamPlan<AudioEncoding> = .copy,
                padVideoToFrames: Int? = nil, leadFrames: Int? = nil, expectedFrames: Int? = nil, effect: SectionEffect? = nil) {
        self.leadFrames = leadFrames
        self.effect = effect
        self.input = input
        self.output = output
        self.format = format
        self.window = window
        self.video = video
        self.audio = audio
        self.padVideoToFrames = padVideoToFrames
        self.expectedFrames = expectedFrames
    }
}
