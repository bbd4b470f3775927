/// The HDR transfer functions (BT.2100) a phone records with and `hdr` writes.
public enum HDRTransfer: String, Sendable, CaseIterable, Codable {
    /// Perceptual quantizer (SMPTE ST 2084, BT.2100): display-referred, up to 10,000 cd/m².
    case pq
    /// Hybrid log-gamma (ARIB STD-B67, BT.2100): scene-referred.
    case hlg

    /// FFmpeg's name of the transfer (`color_transfer` in ffprobe).
    public var ffmpegName: String {
        switch self {
        case .pq: "smpte2084"
        case .hlg: "arib-std-b67"
        }
    }

    /// From FFmpeg's name of a stream's transfer (`VideoStreamInfo.colorTransfer`).
    public init?(ffmpegName: String?) {
        guard let t = Self.allCases.first(where: { $0.ffmpegName == ffmpegName }) else { return nil }
        self = t
    }
}
