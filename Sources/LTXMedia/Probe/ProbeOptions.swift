/// How far the probe may go.
public struct ProbeOptions: Sendable {
    /// Every blocking FFmpeg call on one file gives up after this long, so a
    /// pathological file cannot hang a check.
    public var timeout: Duration
    /// Decode the first AAC frames to reveal implicit SBR/PS (HE-AAC).
    public var revealImplicitAACProfile: Bool

    public init(timeout: Duration = .seconds(30), revealImplicitAACProfile: Bool = true) {
        self.timeout = timeout
        self.revealImplicitAACProfile = revealImplicitAACProfile
    }
}
