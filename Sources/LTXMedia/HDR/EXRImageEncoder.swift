internal import CFFmpeg

/// Linear light as half-float RGB EXR images in a colour space the API
/// answers in, carrying that space's `chromaticities` (FFmpeg's EXR encoder
/// writes none; `EXRHeader` inserts it). ACEScct is log-encoded here.
final class EXRImageEncoder {
    let colorSpace: HDRColorSpace
    private let encoder: Encoder
    private let frame = Frame()
    private let packet = Packet()
    /// Linear light of the source primaries to linear light of `colorSpace`.
    private let matrix: [Float]
    private var count: Int64 = 0

    /// `source`: the primaries (and white) of the light `encode` is given.
    init(width: Int, height: Int, colorSpace: HDRColorSpace, from source: Chromaticities, path: String?) throws(MediaError) {
        self.colorSpace = colorSpace
        matrix = HDRColorMath.conversion(from: source, to: colorSpace.chromaticities).flatMap { $0.map(Float.init) }
        encoder = try Encoder(name: "exr", id: AV_CODEC_ID_EXR, options: ["format": "half"], path: path) { ctx in
            ctx.pointee.width = Int32(width)
            ctx.pointee.height = Int32(height)
            ctx.pointee.pix_fmt = AV_PIX_FMT_GBRPF32LE
            // Each packet is a still image of its own: the time base times nothing (an encoder needs one); no frame-rate fallback (StreamFrameRate).
            ctx.pointee.time_base = AVRational(num: 1, den: 25)
        }
        let f = frame.pointer
        f.pointee.width = Int32(width)
        f.pointee.height = Int32(height)
        f.pointee.format = AV_PIX_FMT_GBRPF32LE.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    /// One EXR file's bytes for a picture whose pixel (x, y) has linear light `pixel(x, y)` of the source primaries.
    func encode(_ pixel: (Int, Int) -> (Float, Float, Float)) throws(MediaError) -> [UInt8] {
        try FFmpegError.check(av_frame_make_writable(frame.pointer), "av_frame_make_writable")
        let f = frame.pointer.pointee
        guard let pg = f.data.0, let pb = f.data.1, let pr = f.data.2 else {
            throw MediaError(kind: .unsupported, operation: "EXR frame", message: "a picture without planes")
        }
        let (g, b, r) = (UnsafeMutableRawPointer(pg).assumingMemoryBound(to: Float.self), UnsafeMutableRawPointer(pb).assumingMemoryBound(to: Float.self),
                         UnsafeMutableRawPointer(pr).assumingMemoryBound(to: Float.self))
        let (sg, sb, sr) = (Int(f.linesize.0) / 4, Int(f.linesize.1) / 4, Int(f.linesize.2) / 4)
        let m = matrix, log = colorSpace == .acescct
        func encoded(_ v: Float) -> Float { log ? Float(HDRColorMath.linearToACEScct(Double(v))) : v }
        for y in 0..<Int(f.height) {
            for x in 0..<Int(f.width) {
                let (vr, vg, vb) = pixel(x, y)
                r[y * sr + x] = encoded(m[0] * vr + m[1] * vg + m[2] * vb)
                g[y * sg + x] = encoded(m[3] * vr + m[4] * vg + m[5] * vb)
                b[y * sb + x] = encoded(m[6] * vr + m[7] * vg + m[8] * vb)
            }
        }
        frame.pointer.pointee.pts = count
        count += 1
        try encoder.send(frame.pointer)
        guard try encoder.receive(into: packet) else {
            throw MediaError(kind: .ffmpeg, operation: "avcodec_receive_packet", message: "the EXR encoder gave no image")
        }
        defer { packet.unref() }
        let bytes = packet.withBytes { Array($0) }
        guard let tagged = EXRHeader.settingChromaticities(colorSpace.chromaticities, in: bytes) else {
            throw MediaError(kind: .unsupported, operation: "EXR header", message: "FFmpeg's EXR encoder wrote a header this cannot extend")
        }
        return tagged
    }

    /// A linear BT.2020 picture's pixel, for `encode`.
    static func pixel(of p: LinearPicture) -> (Int, Int) -> (Float, Float, Float) {
        { x, y in let i = y * p.width + x; return (p.r[i], p.g[i], p.b[i]) }
    }
}
