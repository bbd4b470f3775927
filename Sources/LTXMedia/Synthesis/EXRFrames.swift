internal import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the sandbox answers `video-to-video-hdr` with, as the API does: a
/// ZIP of one OpenEXR image per frame, at the input's size. The pictures are
/// the input's, as 32-bit float RGB (a stand-in for the model's HDR, not a
/// tone mapping), encoded by FFmpeg's EXR encoder.
public enum EXRFrames {
    /// Every picture of `input`'s video as `frame_000001.exr`... in a ZIP
    /// written to `zip`; the number of frames.
    public static func write(from input: String, to zip: String, colorSpace: HDRColorSpace = .acescg) throws(MediaError) -> Int {
        guard let stream = try StreamDecoder(path: input, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: input, message: "no video stream")
        }
        let archive = try StoredZip(path: zip)
        let frame = Frame()
        let packet = Packet()
        var scaler: Scaler?
        var encoder: Encoder?
        var count = 0
        do throws(MediaError) {
            while try stream.next(into: frame) {
                defer { frame.unref() }
                let f = frame.pointer.pointee
                if scaler == nil {
                    scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (f.width, f.height, AV_PIX_FMT_GBRPF32LE))
                    encoder = try Encoder(name: "exr", id: AV_CODEC_ID_EXR, options: [:], path: zip) { ctx in
                        ctx.pointee.width = f.width
                        ctx.pointee.height = f.height
                        ctx.pointee.pix_fmt = AV_PIX_FMT_GBRPF32LE
                        ctx.pointee.time_base = AVRational(num: 1, den: 25)
                    }
                }
                guard let scaler, let encoder else { break }
                let picture = try scaler.scale(frame.pointer)
                picture.pointee.pts = Int64(count)
                try encoder.send(picture)
                while try encoder.receive(into: packet) {
                    count += 1
                    try archive.add(name: name(count), packet.withBytes { Array($0) })
                    packet.unref()
                }
            }
            try encoder?.send(nil)
            while let encoder, try encoder.receive(into: packet) {
                count += 1
                try archive.add(name: name(count), packet.withBytes { Array($0) })
                packet.unref()
            }
            try archive.finish()
        } catch {
            archive.abandon()
            throw error
        }
        return count
    }

    /// `frame_000001.exr`: the frame's number, from 1, in six digits.
    static func name(_ n: Int) -> String {
        let digits = String(n)
        return "frame_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".exr"
    }
}

/// A ZIP archive whose members are stored, not compressed (PKWARE APPNOTE
/// 6.3.x, §4.3): EXR images do not shrink, and no library this project
/// uses writes ZIP. Local header, data, then the central directory and its end.
final class StoredZip {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var entries: [(name: [UInt8], crc: UInt32, size: UInt32, offset: UInt32)] = []
    private var offset: UInt32 = 0

    init(path: String) throws(MediaError) {
        guard let file = fopen(path, "wb") else {
            throw MediaError(kind: .output, path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.path = path
    }

    deinit { fclose(file) }

    private func put(_ bytes: [UInt8]) throws(MediaError) {
        guard bytes.isEmpty || fwrite(bytes, 1, bytes.count, file) == bytes.count else {
            throw MediaError(kind: .output, path: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        offset &+= UInt32(bytes.count)
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }

    func add(name: String, _ data: [UInt8]) throws(MediaError) {
        let crc = data.withUnsafeBufferPointer { av_crc(av_crc_get_table(AV_CRC_32_IEEE_LE), 0xFFFF_FFFF, $0.baseAddress, $0.count) } ^ 0xFFFF_FFFF
        let nameBytes = Array(name.utf8), size = UInt32(data.count)
        entries.append((nameBytes, crc, size, offset))
        try put(Self.le32(0x0403_4b50) + Self.le16(20) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0x21)
                + Self.le32(crc) + Self.le32(size) + Self.le32(size) + Self.le16(nameBytes.count) + Self.le16(0) + nameBytes)
        try put(data)
    }

    func finish() throws(MediaError) {
        let start = offset
        for e in entries {
            try put(Self.le32(0x0201_4b50) + Self.le16(20) + Self.le16(20) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0x21)
                    + Self.le32(e.crc) + Self.le32(e.size) + Self.le32(e.size) + Self.le16(e.name.count) + Self.le16(0) + Self.le16(0)
                    + Self.le16(0) + Self.le16(0) + Self.le32(0) + Self.le32(e.offset) + e.name)
        }
        try put(Self.le32(0x0605_4b50) + Self.le16(0) + Self.le16(0) + Self.le16(entries.count) + Self.le16(entries.count)
                + Self.le32(offset - start) + Self.le32(start) + Self.le16(0))
        guard fflush(file) == 0 else { throw MediaError(kind: .output, path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    }

    /// Removes what was written.
    func abandon() { unlink(path) }
}
