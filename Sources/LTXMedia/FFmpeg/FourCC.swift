/// A stream's `codec_tag` as the four letters of its sample entry.
enum FourCC {
    /// `hvc1`, `hev1`, `avc1`...; nil for a tag of 0 (no sample entry, as in Matroska).
    static func text(_ tag: UInt32) -> String? {
        tag == 0 ? nil : String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }, as: UTF8.self)
    }
}
