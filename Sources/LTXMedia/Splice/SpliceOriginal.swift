/// What a splice's decision reads of the original: how its video is coded
/// and carries its parameter sets, its size, whether every packet has a
/// time, whether it has sound. Read from the file once (`SpliceSession`),
/// made up in tests.
struct SpliceOriginal: Equatable {
    enum Codec: Equatable {
        /// `configured`: an `avcC` holds the parameter sets (false: they travel only in band).
        case h264(configured: Bool)
        /// `configured`: an `hvcC` parsed; `idsLeft`: its parameter sets leave ids
        /// for the re-encoded pictures' own (`HEVCParameterSetIDs`).
        case hevc(configured: Bool, idsLeft: Bool)
        /// Any other codec, by FFmpeg's name.
        case other(String)
    }

    var codec: Codec
    /// The MP4/MOV sample entry (`avc1`, `hvc1`, `hev1`...); nil in other containers.
    var sampleEntry: String?
    /// Every packet has a timestamp (`GOPIndex.complete`).
    var timestampsComplete: Bool
    var width: Int
    var height: Int
    var hasAudio: Bool
}
