import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What a reframe did.
public struct ReframeOutcome: Sendable {
    /// The call: its request, estimate, fix, job and answer (written beside
    /// the output, then merged into it and removed).
    public var generation: GenerationOutcome
    public var input: String
    public var output: String
    public var resolution: String
    /// Nil on a dry run.
    public var written: Written?
    /// The output already was this reframe's result, made by an earlier run
    /// (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone = false

    /// The output as re-probed.
    public struct Written: Sendable, Codable, Equatable {
        public var width: Int
        public var height: Int
        public var frames: Int
        /// The input's frames: the answer keeps every one.
        public var inputFrames: Int
        /// `copied`: the input's own audio packets, bit for bit; `answer`:
        /// the API's (the input's cannot be copied into MP4); nil: no audio.
        public var audio: String?
        public var audioPackets: Int
        public var bytes: Int64

        public var framesKept: Bool { frames == inputFrames }
    }
}
