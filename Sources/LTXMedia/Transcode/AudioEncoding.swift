/// AAC-LC encoding settings (FFmpeg's native AAC encoder).
public struct AudioEncoding: Sendable, Codable, Equatable {
    /// Bits per second; nil picks 128 kb/s stereo, 64 kb/s mono.
    public var bitRate: Int?
    /// Pad with silence to at least this long, in seconds.
    public var minDuration: Double?
    /// Cut to at most this long, in seconds, to the sample.
    public var maxDuration: Double?
    /// Silence before the input's first sample, in seconds.
    public var leadSilence: Double?

    public init(bitRate: Int? = nil, minDuration: Double? = nil, maxDuration: Double? = nil, leadSilence: Double? = nil) {
        self.leadSilence = leadSilence
        self.bitRate = bitRate
        self.minDuration = minDuration
        self.maxDuration = maxDuration
    }
}
