/// Reads the DocType (`matroska` or `webm`) from the EBML header at the
/// start of a Matroska file. FFmpeg's demuxer serves both under one name
/// and does not export the DocType.
enum MatroskaDocType {
    private static let ebmlMagic: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3]
    private static let docTypeID: [UInt8] = [0x42, 0x82]

    static func read(from head: [UInt8]) -> String? {
        guard head.count > 8, Array(head.prefix(4)) == ebmlMagic,
              let header = readVint(head, at: 4) else { return nil }
        var pos = 4 + header.length
        let end = min(head.count, pos + Int(header.value))
        // Walk the EBML header's children until DocType.
        while pos + 2 < end {
            guard let id = readID(head, at: pos), let size = readVint(head, at: pos + id.count) else { return nil }
            let body = pos + id.count + size.length
            let bodyEnd = body + Int(size.value)
            guard bodyEnd <= head.count else { return nil }
            if id == docTypeID {
                return String(decoding: head[body..<bodyEnd].filter { $0 != 0 }, as: UTF8.self)
            }
            pos = bodyEnd
        }
        return nil
    }

    /// An EBML element ID keeps its length marker bits.
    private static func readID(_ b: [UInt8], at i: Int) -> [UInt8]? {
        guard i < b.count else { return nil }
        let len = b[i].leadingZeroBitCount + 1
        guard len <= 4, i + len <= b.count else { return nil }
        return Array(b[i..<(i + len)])
    }

    /// An EBML size: variable length, marker bit masked off.
    private static func readVint(_ b: [UInt8], at i: Int) -> (value: UInt64, length: Int)? {
        guard i < b.count, b[i] != 0 else { return nil }
        let len = b[i].leadingZeroBitCount + 1
        guard i + len <= b.count else { return nil }
        var value = UInt64(b[i] & (0xFF >> len))
        for k in 1..<len { value = value << 8 | UInt64(b[i + k]) }
        return (value, len)
    }
}
