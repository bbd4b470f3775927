/// The header of a single-part scan-line OpenEXR file ("OpenEXR File
/// Layout"): magic 76 2f 31 01, a 4-byte version, then attributes, each
/// `name\0 type\0 size(int32 LE) value`, ended by one zero byte, then the
/// line-offset table (one uint64 per chunk of scan lines, absolute file
/// offsets). FFmpeg's EXR decoder does not export `chromaticities` and its
/// encoder writes none, so this reads the one and inserts the other.
struct EXRHeader {
    struct Attribute {
        var name: String
        var type: String
        /// Where the value starts in the file, and its size.
        var offset: Int
        var size: Int
    }

    let attributes: [Attribute]
    /// Where the terminating zero byte of the attribute list is.
    let end: Int

    /// Nil when `bytes` is not a single-part scan-line EXR with a complete header.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 8, bytes[0] == 0x76, bytes[1] == 0x2f, bytes[2] == 0x31, bytes[3] == 0x01,
              bytes[5] & 0x1e == 0 else { return nil }  // version flags: not tiled, no long names, not deep, not multi-part
        var list: [Attribute] = []
        var at = 8
        func string() -> String? {
            guard let zero = bytes[at...].firstIndex(of: 0) else { return nil }
            defer { at = zero + 1 }
            return String(decoding: bytes[at..<zero], as: UTF8.self)
        }
        while at < bytes.count, bytes[at] != 0 {
            guard let name = string(), let type = string(), at + 4 <= bytes.count else { return nil }
            let size = Int(Self.int32(bytes, at))
            guard size >= 0, at + 4 + size <= bytes.count else { return nil }
            list.append(Attribute(name: name, type: type, offset: at + 4, size: size))
            at += 4 + size
        }
        guard at < bytes.count else { return nil }
        attributes = list
        end = at
    }

    static func int32(_ b: [UInt8], _ at: Int) -> Int32 {
        Int32(bitPattern: UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24)
    }
    static func float32(_ b: [UInt8], _ at: Int) -> Float { Float(bitPattern: UInt32(bitPattern: int32(b, at))) }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }

    /// The `chromaticities` attribute (8 floats), when the file has one.
    func chromaticities(in bytes: [UInt8]) -> Chromaticities? {
        guard let a = attributes.first(where: { $0.name == "chromaticities" && $0.type == "chromaticities" && $0.size == 32 }) else { return nil }
        return Chromaticities((0..<8).map { Double(Self.float32(bytes, a.offset + 4 * $0)) })
    }

    /// Scan lines per chunk for each compression (the `compression` attribute's values 0...9).
    static let linesPerChunk = [1, 1, 1, 16, 32, 16, 32, 32, 32, 256]

    /// Chunks in the line-offset table: the data window's rows over the compression's lines per chunk.
    func chunkCount(in bytes: [UInt8]) -> Int? {
        guard let c = attributes.first(where: { $0.name == "compression" && $0.size == 1 }),
              Int(bytes[c.offset]) < Self.linesPerChunk.count,
              let w = attributes.first(where: { $0.name == "dataWindow" && $0.size == 16 }) else { return nil }
        let rows = Int(Self.int32(bytes, w.offset + 12)) - Int(Self.int32(bytes, w.offset + 4)) + 1
        let lines = Self.linesPerChunk[Int(bytes[c.offset])]
        return rows > 0 ? (rows + lines - 1) / lines : nil
    }

    /// `bytes` with a `chromaticities` attribute (replacing one already
    /// there) and every line offset moved by the bytes inserted. Nil when the
    /// file's layout is not the one this reads.
    static func settingChromaticities(_ c: Chromaticities, in bytes: [UInt8]) -> [UInt8]? {
        guard var header = EXRHeader(bytes) else { return nil }
        var bytes = bytes
        if let old = header.attributes.first(where: { $0.name == "chromaticities" }) {
            let start = old.offset - 4 - "chromaticities\0chromaticities\0".utf8.count
            bytes.removeSubrange(start..<(old.offset + old.size))
            guard let shrunk = shift(bytes, header: EXRHeader(bytes), by: -(old.offset + old.size - start)) else { return nil }
            bytes = shrunk
            guard let h = EXRHeader(bytes) else { return nil }
            header = h
        }
        let attribute = Array("chromaticities\0chromaticities\0".utf8) + le32(32) + c.values.flatMap { le32(Float($0).bitPattern) }
        bytes.insert(contentsOf: attribute, at: header.end)
        return shift(bytes, header: EXRHeader(bytes), by: attribute.count)
    }

    /// Adds `delta` to every entry of the line-offset table after `header`.
    private static func shift(_ bytes: [UInt8], header: EXRHeader?, by delta: Int) -> [UInt8]? {
        guard let header, let chunks = header.chunkCount(in: bytes), header.end + 1 + 8 * chunks <= bytes.count else { return nil }
        var bytes = bytes
        for i in 0..<chunks {
            let at = header.end + 1 + 8 * i
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * k) }
            v = UInt64(Int64(v) + Int64(delta))
            for k in 0..<8 { bytes[at + k] = UInt8((v >> (8 * k)) & 0xff) }
        }
        return bytes
    }
}
