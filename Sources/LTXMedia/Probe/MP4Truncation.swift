import LTXSystem

/// Tells a cut-short MP4/MOV from one that is not media at all. With the
/// `moov` (the index) at the end, a cut file has no index: FFmpeg only says
/// "moov atom not found", invalid data, as for garbage. Walking the
/// top-level boxes shows what happened: one of them is declared to run past
/// the end of the file.
enum MP4Truncation {
    /// Box types a QuickTime file may begin with when it has no `ftyp`.
    private static let leadingTypes: Set<String> = ["ftyp", "moov", "mdat", "wide", "free", "skip"]
    private static let boxLimit = 10_000

    /// The error to report instead of FFmpeg's, when `path` is an ISO BMFF
    /// file cut short. `opened` says whether FFmpeg opened it: then only a
    /// cut `moov` matters (a cut `mdat` is found by the sample table check),
    /// else any cut box with no whole `moov` before it.
    static func error(path: String, fileSize: Int64, opened: Bool) -> MediaError? {
        guard let fd = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { try? fd.close() }
        var offset: Int64 = 0
        var wholeMoov = false
        for n in 0..<boxLimit {
            guard offset + 8 <= fileSize, let box = header(fd, at: offset, fileSize: fileSize) else { return nil }
            let (type, size) = box
            if n == 0 && !leadingTypes.contains(type) { return nil }
            // Compared as a remainder: a forged 64-bit size must not overflow.
            if size > fileSize - offset {
                guard !wholeMoov, !opened || type == "moov" else { return nil }
                let missing = type == "moov" ? "the moov (the index) is cut short" : "the moov (the index) is missing"
                return MediaError(kind: .truncated, path: path,
                                  message: "truncated: its \(type) box at byte \(offset) declares \(size) bytes but only \(fileSize - offset) remain; \(missing)")
            }
            if type == "moov" { wholeMoov = true }
            offset += size
            if offset == fileSize { return nil }
        }
        return nil
    }

    /// A box's type and total size; size 0 means "to the end of the file".
    private static func header(_ fd: FileDescriptor, at offset: Int64, fileSize: Int64) -> (String, Int64)? {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard let got = try? bytes.withUnsafeMutableBytes({ try fd.read(fromAbsoluteOffset: offset, into: $0) }), got >= 8 else { return nil }
        let size32 = bytes[0..<4].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        let typeBytes = bytes[4..<8]
        // A box type is four printable characters; anything else is not a box.
        guard typeBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let type = String(decoding: typeBytes, as: UTF8.self)
        switch size32 {
        case 0: return (type, fileSize - offset)
        case 1:
            guard got >= 16 else { return nil }
            let size64 = bytes[8..<16].reduce(Int64(0)) { $0 << 8 | Int64($1) }
            return size64 >= 16 ? (type, size64) : nil
        default:
            return size32 >= 8 ? (type, size32) : nil
        }
    }
}
