/// The verdict of one rule on one file.
public enum Severity: String, Sendable, Codable, Comparable {
    case pass, warning, error

    private var rank: Int { switch self { case .pass: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The cheapest operation that would satisfy a rule, as `ltx-prep fix` will
/// plan it. Ordered from cheapest to dearest.
public enum FixAction: String, Sendable, Codable, Comparable {
    /// Stream copy into another container.
    case remux
    /// Extract the audio stream into an accepted audio container, stream copied.
    case extractAudio = "extract-audio"
    /// Cut a window around the retake section, by stream copy where keyframes allow.
    case cutWindow = "cut-window"
    /// Re-encode the audio to AAC-LC, video stream copied.
    case transcodeAudio = "transcode-audio"
    /// Cut or pad audio with silence to the allowed length.
    case trimAudio = "trim-audio"
    /// Pad a short clip to a valid frame count.
    case padFrames = "pad-frames"
    /// Pad the picture with black to a shape the endpoint takes (extend: 16:9 or 9:16).
    case padPicture = "pad-picture"
    /// Re-encode with fewer frames per second.
    case lowerFrameRate = "lower-frame-rate"
    /// Re-encode at a smaller size.
    case downscale
    /// Re-encode the video to 8-bit H.264.
    case reencodeVideo = "reencode-video"
    /// Convert an image to PNG or JPEG.
    case convertImage = "convert-image"
    /// Re-encode to a bitrate that fits the size limit.
    case recompress
    /// Change the request, not the file.
    case changeRequest = "change-request"
    /// Nothing in the file can make it pass.
    case unfixable

    private var rank: Int {
        [.remux, .extractAudio, .cutWindow, .transcodeAudio, .trimAudio, .padFrames, .padPicture, .lowerFrameRate,
         .downscale, .reencodeVideo, .convertImage, .recompress, .changeRequest, .unfixable].firstIndex(of: self)!
    }
    public static func < (a: FixAction, b: FixAction) -> Bool { a.rank < b.rank }
}

/// One rule's finding: what it requires, what the file has, and what fixes it.
public struct Finding: Sendable, Codable, Equatable {
    public var rule: RuleID
    public var severity: Severity
    public var actual: String
    public var required: String
    /// What would make it pass, in words; nil when it passes.
    public var fix: String?
    public var fixAction: FixAction?

    public init(rule: RuleID, severity: Severity, actual: String, required: String, fix: String? = nil, fixAction: FixAction? = nil) {
        self.rule = rule
        self.severity = severity
        self.actual = actual
        self.required = required
        self.fix = severity == .pass ? nil : fix
        self.fixAction = severity == .pass ? nil : fixAction
    }

    static func pass(_ rule: RuleID, actual: String, required: String) -> Finding {
        Finding(rule: rule, severity: .pass, actual: actual, required: required)
    }
}
