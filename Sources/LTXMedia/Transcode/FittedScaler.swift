internal import CFFmpeg

/// A picture fitted inside a larger frame: scaled (aspect kept, by its
/// sample aspect ratio) to the largest even size that fits, centred, and
/// the rest of the frame filled with one colour. A reframe's answer, where
/// the model would outpaint that area.
final class FittedScaler {
    private let scaler: Scaler
    /// The whole frame: filled once, the picture copied into its centre each time.
    private let output = Frame()
    /// The picture's size inside the frame, and where its top-left corner sits.
    let fitted: (width: Int32, height: Int32)
    let origin: (x: Int32, y: Int32)

    init(from source: (width: Int32, height: Int32, format: AVPixelFormat, aspect: AVRational),
         to frame: (width: Int32, height: Int32), fill: PictureFill) throws(MediaError) {
        fitted = Self.fittedSize(width: source.width, height: source.height, aspect: source.aspect, inside: frame)
        // Even offsets, so the chroma planes (half size) line up with the luma.
        origin = (((frame.width - fitted.width) / 2) & ~1, ((frame.height - fitted.height) / 2) & ~1)
        scaler = try Scaler(from: (source.width, source.height, source.format), to: (fitted.width, fitted.height, AV_PIX_FMT_YUV420P))
        output.pointer.pointee.width = frame.width
        output.pointer.pointee.height = frame.height
        output.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try FFmpegError.check(av_frame_get_buffer(output.pointer, 0), "av_frame_get_buffer")
        let f = output.pointer.pointee
        guard let y = f.data.0, let u = f.data.1, let v = f.data.2 else {
            throw MediaError(kind: .unsupported, operation: "av_frame_get_buffer", message: "no picture planes")
        }
        for row in 0..<Int(f.height) { (y + row * Int(f.linesize.0)).update(repeating: fill.y, count: Int(f.width)) }
        for row in 0..<Int((f.height + 1) / 2) {
            (u + row * Int(f.linesize.1)).update(repeating: fill.u, count: Int((f.width + 1) / 2))
            (v + row * Int(f.linesize.2)).update(repeating: fill.v, count: Int((f.width + 1) / 2))
        }
    }

    /// The largest even size with the picture's display aspect that fits inside `frame`.
    static func fittedSize(width: Int32, height: Int32, aspect: AVRational, inside frame: (width: Int32, height: Int32)) -> (width: Int32, height: Int32) {
        let sar = aspect.num > 0 && aspect.den > 0 ? Double(aspect.num) / Double(aspect.den) : 1
        let shown = (Double(width) * sar, Double(height))
        let scale = min(Double(frame.width) / shown.0, Double(frame.height) / shown.1)
        let w = min(frame.width, max(2, Int32((shown.0 * scale / 2).rounded()) * 2))
        let h = min(frame.height, max(2, Int32((shown.1 * scale / 2).rounded()) * 2))
        return (w, h)
    }

    /// Scales `picture` and copies it into the filled frame, which is
    /// returned; the encoder may still hold the previous one, so it is made
    /// writable first (a copy keeps the fill).
    func place(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        let scaled = try scaler.scale(picture).pointee
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let dst = output.pointer.pointee
        let planes = [(scaled.data.0, scaled.linesize.0, dst.data.0, dst.linesize.0, 1),
                      (scaled.data.1, scaled.linesize.1, dst.data.1, dst.linesize.1, 2),
                      (scaled.data.2, scaled.linesize.2, dst.data.2, dst.linesize.2, 2)]
        for (src, srcStride, out, outStride, step) in planes {
            guard let src, let out else { continue }
            let width = Int(fitted.width) / step, height = Int(fitted.height) / step
            let x = Int(origin.x) / step, y = Int(origin.y) / step
            for row in 0..<height {
                (out + (y + row) * Int(outStride) + x).update(from: src + row * Int(srcStride), count: width)
            }
        }
        av_frame_copy_props(output.pointer, picture)
        output.pointer.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        return output.pointer
    }
}
