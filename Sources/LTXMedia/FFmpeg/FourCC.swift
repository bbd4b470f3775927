/// A stream's `codec_tag` as the four letters of its sample entry.
enum FourCC {
    /// `hvc1`, `hev1`, `avc1`...; nil for a tag of 0 (no sample entry, as in
    /// Matroska) or one whose bytes are not printable (a number, not letters).
    static func text(_ tag: UInt32) -> String? {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }
        guard tag != 0, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
