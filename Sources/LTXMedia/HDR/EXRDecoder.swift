internal import CFFmpeg

/// Decodes EXR images in memory with libavcodec's EXR decoder (half or
/// float, any compression FFmpeg reads) and converts them to linear BT.2020
/// light: ACEScct decoded to linear first, then the colour space's matrix.
final class EXRDecoder {
    private let decoder: Decoder
    private let frame = Frame()
    private let packet = Packet()
    private let assumed: HDRColorSpace
    private var matrices: [HDRColorSpace: [Float]] = [:]

    /// `assumed`: the colour space of an EXR without `chromaticities`.
    init(assumed: HDRColorSpace) throws(MediaError) {
        decoder = try Decoder(codec: AV_CODEC_ID_EXR, extradata: UnsafeBufferPointer(start: nil, count: 0), path: nil)
        self.assumed = assumed
    }

    /// The colour space an EXR's header names, else the assumed one.
    func colorSpace(of bytes: [UInt8], path: String, frame n: Int) throws(MediaError) -> HDRColorSpace {
        guard let header = EXRHeader(bytes) else {
            throw MediaError(kind: .unsupported, path: path, message: "frame \(n) is not a single-part scan-line EXR image")
        }
        guard let c = header.chromaticities(in: bytes) else { return assumed }
        guard let space = HDRColorSpace.matching(c, asked: assumed) else {
            throw MediaError(kind: .unsupported, path: path,
                             message: "frame \(n) has chromaticities \(c.values.map { String($0) }.joined(separator: " ")), which match no colour space the API answers in")
        }
        return space
    }

    /// Frame `n` of `path` (for messages) as linear BT.2020 light.
    func decode(_ bytes: [UInt8], path: String, frame n: Int) throws(MediaError) -> (HDRColorSpace, LinearPicture) {
        let space = try colorSpace(of: bytes, path: path, frame: n)
        try FFmpegError.check(av_new_packet(packet.pointer, Int32(bytes.count)), "av_new_packet")
        defer { packet.unref() }
        bytes.withUnsafeBufferPointer { packet.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
        do throws(MediaError) {
            try decoder.send(packet)
            guard try decoder.receive(into: frame) else {
                throw MediaError(kind: .unreadable, path: path, message: "frame \(n) decodes to no picture")
            }
        } catch {
            throw MediaError(kind: .unreadable, path: path, operation: error.operation, code: error.code, message: "frame \(n) is not a readable EXR image: \(error.message)")
        }
        defer { frame.unref() }
        return (space, try convert(space, path: path, frame: n))
    }

    private func matrix(_ space: HDRColorSpace) -> [Float] {
        if let m = matrices[space] { return m }
        let m = HDRColorMath.toBT2020(space).flatMap { $0.map(Float.init) }
        matrices[space] = m
        return m
    }

    private func convert(_ space: HDRColorSpace, path: String, frame n: Int) throws(MediaError) -> LinearPicture {
        let f = frame.pointer.pointee
        let format = AVPixelFormat(rawValue: f.format)
        let width = Int(f.width), height = Int(f.height)
        let planes: (g: UnsafeMutablePointer<UInt8>?, b: UnsafeMutablePointer<UInt8>?, r: UnsafeMutablePointer<UInt8>?)
        switch format {
        case AV_PIX_FMT_GBRPF32LE, AV_PIX_FMT_GBRAPF32LE: planes = (f.data.0, f.data.1, f.data.2)
        case AV_PIX_FMT_GRAYF32LE: planes = (f.data.0, f.data.0, f.data.0)
        default:
            throw MediaError(kind: .unsupported, path: path, message: "frame \(n) decodes to \(String(cString: av_get_pix_fmt_name(format))), not float RGB")
        }
        guard let pg = planes.g, let pb = planes.b, let pr = planes.r else {
            throw MediaError(kind: .unreadable, path: path, message: "frame \(n) decodes to a picture without planes")
        }
        let strides = (Int(f.linesize.0) / 4, Int(f.linesize.1) / 4, Int(f.linesize.2) / 4)
        let (sg, sb, sr) = format == AV_PIX_FMT_GRAYF32LE ? (strides.0, strides.0, strides.0) : strides
        let g = UnsafeRawPointer(pg).assumingMemoryBound(to: Float.self)
        let b = UnsafeRawPointer(pb).assumingMemoryBound(to: Float.self)
        let r = UnsafeRawPointer(pr).assumingMemoryBound(to: Float.self)
        let m = matrix(space), log = space == .acescct
        let (m0, m1, m2, m3, m4, m5, m6, m7, m8) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
        func linear(_ v: Float) -> Float { log ? Float(HDRColorMath.acescctToLinear(Double(v))) : v }
        // Planes written through buffer pointers: a picture is millions of samples.
        var outR = [Float](repeating: 0, count: width * height), outG = outR, outB = outR
        outR.withUnsafeMutableBufferPointer { or in
            outG.withUnsafeMutableBufferPointer { og in
                outB.withUnsafeMutableBufferPointer { ob in
                    for y in 0..<height {
                        for x in 0..<width {
                            let (vr, vg, vb) = (linear(r[y * sr + x]), linear(g[y * sg + x]), linear(b[y * sb + x]))
                            let i = y * width + x
                            or[i] = m0 * vr + m1 * vg + m2 * vb
                            og[i] = m3 * vr + m4 * vg + m5 * vb
                            ob[i] = m6 * vr + m7 * vg + m8 * vb
                        }
                    }
                }
            }
        }
        return LinearPicture(width: width, height: height, r: outR, g: outG, b: outB)
    }
}
