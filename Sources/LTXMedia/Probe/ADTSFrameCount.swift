/// Counts the AAC frames of an ADTS stream read as whole PES packets, by
/// the 13-bit frame length in each header (ISO 14496-3, 1.A.2.2), taking up
/// in each PES where the previous one left off. FFmpeg's ADTS parser would
/// split the same frames; where a header is missing where a frame should
/// begin, or is cut by a PES's end, the parser would have resynchronised
/// and this count is no longer its count: it says so (`broken`).
struct ADTSFrameCount {
    private(set) var frames = 0
    private(set) var broken = false
    /// Bytes of the last frame counted that lie beyond the PES read so far.
    private var pending = 0

    mutating func add(_ pes: UnsafeBufferPointer<UInt8>) {
        guard !broken else { return }
        var offset = pending
        while offset < pes.count {
            // syncword 0xFFF and layer 00.
            guard offset + 7 <= pes.count, pes[offset] == 0xFF, pes[offset + 1] & 0xF6 == 0xF0 else {
                broken = true
                return
            }
            let length = Int(pes[offset + 3] & 0x03) << 11 | Int(pes[offset + 4]) << 3 | Int(pes[offset + 5] >> 5)
            guard length >= 7 else {
                broken = true
                return
            }
            frames += 1
            offset += length
        }
        pending = offset - pes.count
    }
}
