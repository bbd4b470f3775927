/// Why a video cannot be spliced into: said before an answer is paid for.
public enum SpliceRefusal: Sendable, Equatable, CustomStringConvertible {
    /// A WebM holds only VP8/VP9/AV1 and Opus/Vorbis; a splice writes H.264 and AAC-LC.
    case webm
    /// No muxer here writes this container.
    case unwritable(ContainerFormat)

    public var description: String {
        switch self {
        case .webm:
            "a WebM holds only VP8/VP9/AV1 and Opus/Vorbis, and a splice writes H.264 and AAC-LC: name the output .mp4, .mov or .mkv (the whole video is then encoded once as H.264 in it)"
        case .unwritable(let container): "a splice cannot write \(container.displayName): make the clip an MP4 first"
        }
    }
}

extension SpliceRefusal {
    /// The muxer that writes `container`; nil for one a splice cannot write.
    static func muxer(for container: ContainerFormat) -> String? {
        switch container {
        case .mp4: "mp4"
        case .mov: "mov"
        case .mkv: "matroska"
        case .threeGP: "3gp"
        case .avi: "avi"
        case .mpegts: "mpegts"
        case .flv: "flv"
        default: nil
        }
    }

    /// Why a video in `container` cannot be spliced, before anything is paid
    /// for it; nil when it can. The splice writes H.264 (or HEVC) and AAC-LC,
    /// which a WebM cannot hold.
    static func of(_ container: ContainerFormat) -> SpliceRefusal? {
        if container == .webm { return .webm }
        return muxer(for: container) == nil ? .unwritable(container) : nil
    }
}
