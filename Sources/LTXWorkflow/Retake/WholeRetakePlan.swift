import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What a whole-video retake will do, decided once from one probe of the
/// input and one read of each window's packets: every call's window (on a
/// keyframe or cut exactly), its frames and price. The fixes, the requests,
/// the journal's fingerprints and the splice are derived from it.
public struct WholeRetakePlan: Sendable {
    public var calls: [RetakeCall]
    /// The sum of the calls' prices; nil where the provider documents none.
    public var estimate: Pricing.Estimate?
    /// The input's video, in seconds, and its frame rate.
    public var clipDuration: Double
    public var frameRate: Double
}
