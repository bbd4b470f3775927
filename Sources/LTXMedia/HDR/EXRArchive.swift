import Foundation
import ZIPFoundation

/// A ZIP of EXR frames (the API's HDR answer), read with ZIPFoundation:
/// members stored or deflated, CRC-checked. Frames are ordered by the
/// number in their names (`frame_000001.exr`...), not by their order in the
/// archive, and must be numbered 1...n without a gap.
final class EXRArchive {
    let path: String
    private let archive: Archive
    /// Members by frame number, from 1.
    private let frames: [Entry]

    init(path: String, expectedFrames: Int) throws(MediaError) {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw MediaError(kind: .truncated, path: path, message: "not a complete ZIP archive (\(error))")
        }
        var numbered: [Int: Entry] = [:]
        for entry in archive where entry.type == .file {
            guard let n = Self.frameNumber(entry.path) else { continue }
            guard numbered.updateValue(entry, forKey: n) == nil else {
                throw MediaError(kind: .unsupported, path: path, message: "frame \(n) is in the ZIP twice")
            }
        }
        if let missing = (1...max(1, expectedFrames)).first(where: { numbered[$0] == nil }) {
            throw MediaError(kind: .truncated, path: path, message: "frame \(missing) of \(expectedFrames) is missing from the ZIP")
        }
        if numbered.count > expectedFrames {
            throw MediaError(kind: .unsupported, path: path, message: "the ZIP has \(numbered.count) frames; the piece has \(expectedFrames)")
        }
        frames = (1...expectedFrames).map { numbered[$0]! }
    }

    /// The number in an EXR member's file name: `dir/frame_000012.exr` is 12.
    static func frameNumber(_ name: String) -> Int? {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard file.lowercased().hasSuffix(".exr") else { return nil }
        let digits = file.dropLast(4).reversed().prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(String(digits.reversed()))
    }

    /// The bytes of frame `n` (from 1).
    func frame(_ n: Int) throws(MediaError) -> [UInt8] {
        var bytes: [UInt8] = []
        let entry = frames[n - 1]
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        } catch {
            throw MediaError(kind: .truncated, path: path, message: "frame \(n) cannot be read from the ZIP (\(error))")
        }
        return bytes
    }
}

/// Writes a ZIP of EXR frames with ZIPFoundation, members deflated.
final class EXRArchiveWriter {
    let path: String
    private let archive: Archive

    init(path: String) throws(MediaError) {
        self.path = path
        unlink(path)
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        } catch {
            throw MediaError(kind: .output, path: path, message: "cannot write the ZIP (\(error))")
        }
    }

    func add(name: String, _ bytes: [UInt8]) throws(MediaError) {
        let data = Data(bytes)
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw MediaError(kind: .output, path: path, message: "cannot write the ZIP (\(error))")
        }
    }

    /// Removes what was written.
    func abandon() { unlink(path) }
}
