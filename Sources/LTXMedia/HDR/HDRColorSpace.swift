/// The scene-linear (or, for ACEScct, log-encoded) colour spaces an HDR
/// answer's EXR frames can be in: the API's `output_colorspace` values.
public enum HDRColorSpace: String, Sendable, CaseIterable, Codable {
    /// ACES AP1 primaries, linear: the API's default.
    case acescg
    /// ACES AP1 primaries, log-encoded (S-2016-001): decoded to linear before anything else.
    case acescct
    /// BT.709 primaries, linear.
    case srgbLinear = "srgb_linear"
    /// ACES AP0 primaries, linear (SMPTE ST 2065-1).
    case aces2065_1 = "aces2065-1"
}
