import LTXContract
import LTXMedia

/// What a check says of one file: the verdict, every rule's finding, and
/// the probe it rests on. Its JSON form is the `--json` output.
public struct CheckReport: Sendable, Codable, Equatable {
    public var file: String
    public var endpoint: Endpoint
    /// The request field the file goes in: `video_uri`, `audio_uri`, `image_uri`.
    public var input: String
    public var delivery: Delivery
    /// The stricter size limit asked for, when one was.
    public var maxBytes: Int64?
    /// True when no finding is an error.
    public var conformant: Bool
    public var errors: Int
    public var warnings: Int
    /// Every rule evaluated, in a stable order, passes included.
    public var findings: [Finding]
    /// The retake section the API will use after clamping, when one was given.
    public var effectiveSection: RetakeSection?
    public var media: MediaInfo

    init(media: MediaInfo, role: InputRole, delivery: Delivery, maxBytes: Int64? = nil, findings: [Finding], effectiveSection: RetakeSection?) {
        file = media.path
        endpoint = role.endpoint
        input = role.field
        self.delivery = delivery
        self.maxBytes = maxBytes
        self.findings = findings
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.filter { $0.severity == .warning }.count
        conformant = errors == 0
        self.effectiveSection = effectiveSection
        self.media = media
    }

    /// The size limit the file must keep, for media of `kind`.
    public func sizeLimit(for kind: MediaInfo.Kind) -> (bytes: Int64, encoded: Bool) {
        delivery.limit(for: kind, atMost: maxBytes)
    }

    /// Findings that are not passes, worst first.
    public var problems: [Finding] {
        findings.filter { $0.severity != .pass }.sorted { $0.severity > $1.severity }
    }
}
