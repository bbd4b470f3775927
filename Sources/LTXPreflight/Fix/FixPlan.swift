import LTXMedia

/// How hard `fix` may work: the encoder's quality and speed.
public struct FixOptions: Sendable, Codable, Equatable {
    /// libx264 constant rate factor for re-encoded video (lower is better).
    public var crf: Int
    /// libx264 preset: ultrafast ... veryslow.
    public var preset: String
    /// What a whole-video edit's plan sends (a retake's window, an extend's
    /// context): cut (exactly, re-encoding, when it says so) and padded even
    /// from a clip that conforms, so only it is paid for.
    public var window: EditWindow?

    /// Audio-to-video: where in a longer audio the kept part (at most 20 s)
    /// begins, in seconds; nil keeps the start.
    public var audioStart: Double?
    /// audio-to-video: the longest audio the request's model takes at its tier; nil, 20 s.
    public var maxAudioSeconds: Double?

    /// libx264's presets: the names `preset` takes.
    public static let presets: Set<String> = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]

    public init(crf: Int = 18, preset: String = "medium", audioStart: Double? = nil, window: EditWindow? = nil,
                maxAudioSeconds: Double? = nil) {
        self.maxAudioSeconds = maxAudioSeconds
        self.crf = crf
        self.preset = preset
        self.audioStart = audioStart
        self.window = window
    }
}

/// One step of a plan, as a person reads it.
public struct FixOperation: Sendable, Codable, Equatable {
    public var action: FixAction
    public var detail: String
    /// The rules this step satisfies.
    public var rules: [RuleID]
}

/// The fewest operations that make a file conform, cheapest first:
/// nothing; a byte copy; a remux; a stream-copy cut; re-encoding only the
/// streams and the part of the timeline that need it.
public struct FixPlan: Sendable, Codable, Equatable {
    public enum Output: String, Sendable, Codable {
        /// The input, byte for byte: it already conforms.
        case unchanged
        case mp4, m4a
        /// A still image converted to PNG (or, with `imageLadder`, to the
        /// first of its formats that fits the size limit).
        case png
    }

    public var output: Output
    /// Empty when there is nothing to do.
    public var operations: [FixOperation]
    public var video: StreamPlan<VideoEncoding>
    public var audio: StreamPlan<AudioEncoding>
    /// The part of the input to keep, placed around the retake section
    /// (before snapping to a keyframe).
    public var window: TimeWindow?
    /// The retake section, for mapping it into the window.
    public var section: RetakeSection?
    /// Frames to reach by repeating the last picture.
    public var padVideoToFrames: Int?
    /// Image conversion to fit the size limit: the encodings to try, in
    /// order; nil writes PNG.
    public var imageLadder: [ImageEncoding]?

    /// True when no stream is re-encoded: nothing loses quality.
    public var isLossless: Bool {
        if case .encode = video { return false }
        if case .encode = audio { return false }
        return output != .png || operations.isEmpty
    }
}

public enum FixPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Some error has no fix in the file (no video for retake, say).
    case unfixable([Finding])
    /// The retake section given cannot be used (outside the clip, too short): why.
    case needsSection(String)
    /// The clip (`seconds` long, `frames` pictures) must be windowed, at most
    /// `maxWindow` seconds, and no retake section says where.
    case clipNeedsSection(seconds: Double, frames: Int, maxWindow: Double)
    /// The section is longer than the longest window the API takes; `frameRate`,
    /// when known, gives that window in frames too. Shorter sections can each be sent.
    case sectionTooLong(seconds: Double, longest: Double, frameRate: Double?)
    /// The audio start asked for leaves too little audio.
    case audioStartOutOfRange(String)

    public var description: String {
        switch self {
        case .unfixable(let findings):
            "cannot be fixed: " + findings.map { "\($0.rule.rawValue) (\($0.actual))" }.joined(separator: "; ")
        case .needsSection(let why), .audioStartOutOfRange(let why): why
        case .clipNeedsSection(let seconds, let frames, let maxWindow):
            "the clip is \(Format.seconds(seconds)) (\(frames) frames): give the retake section so a window of at most \(Format.seconds(maxWindow)) can be cut around it"
        case .sectionTooLong(let seconds, let longest, let fps):
            "the section (\(Format.seconds(seconds))) is longer than the longest window the API takes (\(Format.seconds(longest))"
                + (fps.map { ", \(Int((longest * $0).rounded())) frames at \(Format.number($0, decimals: 3)) fps" } ?? "") + ")"
        }
    }
}
