import LTXContract
import LTXMedia
import LTXPreflight

/// What an HDR conversion will do, decided once from one probe and one read of the packets.
public struct HDRPlan: Sendable, Codable, Equatable {
    public var pieces: [HDRPiece]
    /// Every piece's price together; nil where the tier has none documented (1440p).
    public var estimate: Pricing.Estimate?
    public var tier: String
    public var tierFrames: Int
    public var clipFrames: Int
    public var frameRate: Double
    public var width: Int
    public var height: Int
}

public struct HDROutcome: Sendable {
    public var plan: HDRPlan
    /// One per piece, in order (the dry run's request shapes, or what was paid).
    public var generations: [GenerationOutcome]
    /// Nil on a dry run and when `alreadyDone`.
    public var assembly: HDRAssemblyReport?
    public var written: Written?
    /// The output already was this conversion's result (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone = false

    /// The output as re-probed: what a player reads of it.
    public struct Written: Sendable, Codable, Equatable {
        public var codec: String
        public var profile: String?
        public var pixelFormat: String?
        public var colorPrimaries: String?
        public var colorTransfer: String?
        public var colorSpace: String?
        public var frames: Int
        public var width: Int
        public var height: Int
        public var rotation: Int
        public var bytes: Int64
    }
}
