import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What an extend will do, decided once from one probe of the input and one
/// read of the context's packets.
public struct ExtendPlan: Sendable, Codable, Equatable {
    public var call: ExtendCall
    public var estimate: Pricing.Estimate?
    /// The input's video: length, rate, pictures and displayed size.
    public var clipDuration: Double
    public var frameRate: Double
    public var clipFrames: Int
    public var width: Int
    public var height: Int
    /// The input's container: the output is written in it (`OutputName.spliceContainer`).
    public var container: ContainerFormat
    /// Where the input and the extension meet on the output's timeline.
    public var seam: Double
}
