internal import CFFmpeg

/// What the sandbox answers `video-to-video-hdr` with, as the API does: a
/// ZIP (deflated, ZIPFoundation) of one OpenEXR image per frame, at the
/// input's stored size. The pictures are the input's SDR pictures as linear
/// light (a stand-in for the model's HDR, not an HDR grade): BT.709 Y'CbCr
/// to R'G'B', BT.1886's gamma as `SDRToHDR` linearises it (diffuse white
/// 1.0), converted to the colour space asked for, as half-float RGB that
/// carries that space's `chromaticities`.
public enum EXRFrames {
    /// Every picture of `input`'s video as `frame_000001.exr`... in a ZIP
    /// written to `zip`; the number of frames.
    public static func write(from input: String, to zip: String, colorSpace: HDRColorSpace = .acescg) throws(MediaError) -> Int {
        guard let stream = try StreamDecoder(path: input, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: input, message: "no video stream")
        }
        let archive = try EXRArchiveWriter(path: zip)
        let frame = Frame()
        var scaler: Scaler?
        var encoder: EXRImageEncoder?
        var count = 0
        // BT.1886 gamma on 4,096 steps of the signal: a picture is millions of samples.
        let linear = (0..<4096).map { Float(SDRToHDR.sdrLinear(Double($0) / 4095)) }
        func lin(_ v: Double) -> Float { linear[Int(min(1, max(0, v)) * 4095 + 0.5)] }
        do throws(MediaError) {
            while try stream.next(into: frame) {
                defer { frame.unref() }
                let f = frame.pointer.pointee
                if encoder == nil {
                    if f.format != AV_PIX_FMT_YUV420P.rawValue {
                        scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (f.width, f.height, AV_PIX_FMT_YUV420P))
                    }
                    encoder = try EXRImageEncoder(width: Int(f.width), height: Int(f.height), colorSpace: colorSpace, from: .bt709, path: zip)
                }
                guard let encoder else { break }
                let p = try scaler?.scale(frame.pointer) ?? frame.pointer
                guard let py = p.pointee.data.0, let pu = p.pointee.data.1, let pv = p.pointee.data.2 else {
                    throw MediaError(kind: .unsupported, path: input, message: "a picture without planes")
                }
                let (sl, sc) = (Int(p.pointee.linesize.0), Int(p.pointee.linesize.1))
                let image = try encoder.encode { x, y in
                    let c = (y / 2) * sc + x / 2
                    let rgb = SDRToHDR.rgb709(y: Double(py[y * sl + x]), cb: Double(pu[c]), cr: Double(pv[c]))
                    return (lin(rgb.0), lin(rgb.1), lin(rgb.2))
                }
                count += 1
                try archive.add(name: name(count), image)
            }
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
