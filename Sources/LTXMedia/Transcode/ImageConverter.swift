internal import CFFmpeg
import LTXSystem

/// Turns the first picture of an image (or video) into a PNG, JPEG or WEBP
/// file, optionally no larger than `maxSide` pixels on its long side.
public enum ImageConverter {
    public struct Result: Sendable, Codable, Equatable {
        public var width: Int
        public var height: Int
        public var bytes: Int
        /// The encoding written (the first of a ladder that fitted, else its last).
        public var encoding: ImageEncoding
    }

    public static func convertToPNG(input: String, output: String, maxSide: Int? = nil) throws(MediaError) -> Result {
        try convert(input: input, output: output, maxSide: maxSide, ladder: [.png]) { _, _ in true }
    }

    /// Decodes the picture once, then encodes it with each of `ladder` in
    /// turn (in memory) until `fits(encoding, bytes)` says yes, and writes
    /// that one to `output`. When none fits, the last is written, so the
    /// caller's check can say by how much it misses.
    public static func convert(input: String, output: String, maxSide: Int? = nil, ladder: [ImageEncoding],
                               fits: (ImageEncoding, Int) -> Bool) throws(MediaError) -> Result {
        _ = FFmpegLog.quietByDefault
        guard input != output else { throw MediaError(kind: .output, path: output, message: "refusing to write over the input") }
        guard !ladder.isEmpty else { throw MediaError(kind: .output, path: output, message: "no image encoding to try") }
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
        var bytes: [UInt8] = []
        var chosen = ladder[0]
        for encoding in ladder {
            bytes = try encode(frame.pointer, width: width, height: height, as: encoding, path: output)
            chosen = encoding
            if fits(encoding, bytes.count) { break }
        }
        // One packet of these encoders is a whole image file.
        do { try LocalFiles.write(bytes, to: output) } catch {
            throw MediaError(kind: .output, path: output, operation: "fopen", code: -error.rawValue, message: error.message)
        }
        return Result(width: Int(width), height: Int(height), bytes: bytes.count, encoding: chosen)
    }

    /// One picture through one encoder, as encode_video.c does: open, send
    /// the frame, flush, receive the packet.
    static func encode(_ picture: UnsafeMutablePointer<AVFrame>, width: Int32, height: Int32,
                               as encoding: ImageEncoding, path: String) throws(MediaError) -> [UInt8] {
        let name: String, id: AVCodecID, format: AVPixelFormat
        var options: [String: String] = [:]
        // Fixed quality through the frame's and the context's lambda, as `-q:v` does.
        var lambda: Int32 = 0
        switch encoding.format {
        case .png:
            (name, id, format) = ("png", AV_CODEC_ID_PNG, AV_PIX_FMT_RGB24)
        case .jpeg:
            // Full-range YUV, which JPEG (JFIF) means.
            (name, id, format) = ("mjpeg", AV_CODEC_ID_MJPEG, AV_PIX_FMT_YUVJ420P)
            lambda = Int32(encoding.quality ?? 2) * FF_QP2LAMBDA
        case .webp:
            (name, id, format) = ("libwebp", AV_CODEC_ID_WEBP, AV_PIX_FMT_YUV420P)
            options["quality"] = String(encoding.quality ?? 75)
            lambda = Int32(encoding.quality ?? 75) * FF_QP2LAMBDA
        }
        let scaler = try Scaler(from: (picture.pointee.width, picture.pointee.height, AVPixelFormat(rawValue: picture.pointee.format)),
                                to: (width, height, format))
        let scaled = try scaler.scale(picture)
        // `scaled` is the scaler's frame: the scaler lives until the packet is out.
        defer { withExtendedLifetime(scaler) {} }
        let encoder = try Encoder(name: name, id: id, options: options, path: path) { ctx in
            ctx.pointee.width = width
            ctx.pointee.height = height
            ctx.pointee.pix_fmt = format
            // Each packet is a still image of its own: the time base times nothing (an encoder needs one); no frame-rate fallback (StreamFrameRate).
            ctx.pointee.time_base = AVRational(num: 1, den: 25)
            if lambda > 0 {
                ctx.pointee.flags |= AV_CODEC_FLAG_QSCALE
                ctx.pointee.global_quality = lambda
            }
        }
        scaled.pointee.pts = 0
        scaled.pointee.quality = lambda
        try encoder.send(scaled)
        try encoder.send(nil)
        let encoded = Packet()
        guard try encoder.receive(into: encoded) else {
            throw MediaError(kind: .output, path: path, message: "the \(encoding.format.rawValue) encoder produced nothing")
        }
        let p = encoded.pointer.pointee
        return Array(UnsafeBufferPointer(start: p.data, count: Int(p.size)))
    }
}
