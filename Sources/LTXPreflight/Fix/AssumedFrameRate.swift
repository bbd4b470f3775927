import LTXContract
import LTXMedia

/// The frame rate a clip is reckoned at when its own is not known (a stream
/// that declares none): one value for the planners and the fixer, so a window
/// planned as so many frames is written and checked as the same number.
public enum AssumedFrameRate {
    /// 24: the API's own `fps` when none is sent (ltx-api-2026.md §3, `Catalogue.defaultFPS`),
    /// the rate it states its limits at ("480 frames at 24fps"), so a clip of unknown rate
    /// is counted as the API counts it. Not 25, FFmpeg's guess for a stream without a rate,
    /// which the API never makes. Defined once in LTXMedia (`StreamFrameRate.assumed`), which
    /// times pictures at it too; AssumedFrameRateTests holds it equal to the catalogue's.
    public static let fallback = Double(StreamFrameRate.assumed)

    /// `measured` when it is a rate, else `fallback`.
    public static func of(_ measured: Double?) -> Double {
        guard let measured, measured > 0 else { return fallback }
        return measured
    }
}
