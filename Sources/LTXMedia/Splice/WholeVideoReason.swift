/// Why a splice encodes every picture of the original again instead of
/// copying the GOPs no section touches: each case is what decided it.
enum WholeVideoReason: Equatable, CustomStringConvertible {
    /// An HEVC original without an `hvcC` to put the new parameter sets beside.
    case hevcWithoutConfiguration
    /// Packets without timestamps: the GOPs cannot be placed.
    case timestampsMissing
    /// The original's HEVC parameter sets use every id the re-encoded pictures' own could take.
    case hevcParameterSetIDsTaken
    /// A codec (FFmpeg's name) the splice cannot write new pictures of beside its own: encoded as H.264.
    case uncopyableCodec(String)
    /// H.264 without an `avcC`: its parameter sets travel in band.
    case h264SetsInBand

    /// The note a splice prints (`SpliceResult.wholeVideoReencoded`).
    var description: String {
        switch self {
        case .hevcWithoutConfiguration: "the original's HEVC carries no hvcC to splice beside: the whole video is encoded once"
        case .timestampsMissing: "some of the original's packets have no timestamps: the whole video is encoded once"
        case .hevcParameterSetIDsTaken:
            "the original's HEVC parameter sets leave no ids for the re-encoded pictures' own: the whole video is encoded once"
        case .uncopyableCodec:
            "the original's codec cannot be copied into its own container beside new pictures: the whole video is encoded once as H.264"
        case .h264SetsInBand: "the original's H.264 carries its parameter sets in band: the whole video is encoded once"
        }
    }
}
