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
