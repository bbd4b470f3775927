/// How far the probe may go.
public struct ProbeOptions: Sendable {
    /// Every blocking FFmpeg call on one file gives up after this long, so a
    /// pathological file cannot hang a check.
    public var timeout: Duration
    /// When to decode the first AAC frames to see what the header may not
    /// say (implicit SBR/PS: HE-AAC declared as AAC-LC).
    public var aacReveal: AACReveal

    public init(timeout: Duration = .seconds(30), aacReveal: AACReveal = .whenHidable) {
        self.timeout = timeout
        self.aacReveal = aacReveal
    }

    /// The timeout in seconds, as a command line gives it, kept to the millisecond.
    /// Total: NaN or a negative number is no time, and an infinite or huge one is a
    /// year (the conversion to Int64 would trap on either, as `--timeout inf` once did).
    public init(timeoutSeconds: Double) {
        let seconds = timeoutSeconds.isNaN ? 0 : min(max(timeoutSeconds, 0), 365 * 86_400)
        self.init(timeout: .milliseconds(Int64(seconds * 1000)))
    }
}

public enum AACReveal: Sendable {
    /// Only where a header could hide HE-AAC: declared LC with a core of
    /// at most 24 kHz, or anything but LC.
    case whenHidable
    /// Every AAC stream: decoding evidence (samples per frame, output rate) for all.
    case always
    /// Never: the header's word only.
    case never
}
