internal import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the first picture of an image (or video) into a PNG file,
/// optionally no larger than `maxSide` pixels on its long side.
public enum ImageConverter {
    public struct Result: Sendable, Codable, Equatable {
        public var width: Int
        public var height: Int
        public var bytes: Int
    }

    public static func convertToPNG(input: String, output: String, maxSide: Int? = nil) throws(MediaError) -> Result {
        _ = FFmpegLog.quietByDefault
        guard input != output else { throw MediaError(kind: .output, path: output, message: "refusing to write over the input") }
        let source = try FormatContext(path: input, timeout: .seconds(60))
        try source.findStreamInfo()
        let streams = StreamReader.read(source, container: .other, adtsHeader: nil)
        guard let index = streams.video.first?.info.index else {
            throw MediaError(kind: .noStreams, path: input, message: "no picture to convert")
        }
        let decoder = try source.withStream(index) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: input, timeBase: st.pointee.time_base)
        }
        source.keepOnly(streams: [index])
        let packet = Packet(), frame = Frame()
        var got = false
        while !got, try source.readPacket(into: packet) {
            try decoder.send(packet)
            got = try decoder.receive(into: frame)
        }
        if !got {
            try decoder.flush()
            got = try decoder.receive(into: frame)
        }
        guard got else { throw MediaError(kind: .unreadable, path: input, message: "no picture could be decoded") }

        let f = frame.pointer.pointee
        var width = f.width, height = f.height
        if let maxSide, max(width, height) > Int32(maxSide) {
            let scale = Double(maxSide) / Double(max(width, height))
            width = max(1, Int32(Double(width) * scale))
            height = max(1, Int32(Double(height) * scale))
        }
        let scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (width, height, AV_PIX_FMT_RGB24))
        let picture = try scaler.scale(frame.pointer)
        let encoder = try Encoder(name: "png", id: AV_CODEC_ID_PNG, options: [:], path: output) { ctx in
            ctx.pointee.width = width
            ctx.pointee.height = height
            ctx.pointee.pix_fmt = AV_PIX_FMT_RGB24
            ctx.pointee.time_base = AVRational(num: 1, den: 25)
        }
        picture.pointee.pts = 0
        try encoder.send(picture)
        try encoder.send(nil)
        let encoded = Packet()
        guard try encoder.receive(into: encoded) else {
            throw MediaError(kind: .output, path: output, message: "the PNG encoder produced nothing")
        }
        // A PNG packet is a whole PNG file.
        guard let file = fopen(output, "wb") else {
            throw MediaError(kind: .output, path: output, operation: "fopen", code: -errno, message: String(cString: strerror(errno)))
        }
        let size = Int(encoded.pointer.pointee.size)
        let written = fwrite(encoded.pointer.pointee.data, 1, size, file)
        let closed = fclose(file)
        guard written == size, closed == 0 else {
            throw MediaError(kind: .output, path: output, message: "could not write the PNG")
        }
        return Result(width: Int(width), height: Int(height), bytes: size)
    }
}
