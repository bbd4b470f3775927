internal import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A black yuv420p frame that pictures are copied into, centred: padding
/// to a shape an endpoint takes. The border is written once; each picture
/// overwrites only its own rectangle.
final class PictureCanvas {
    private let frame = Frame()

    init(width: Int32, height: Int32) throws(MediaError) {
        let f = frame.pointer
        f.pointee.width = width
        f.pointee.height = height
        f.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
        paint()
    }

    /// Black in limited range: Y 16, U and V 128.
    private func paint() {
        let f = frame.pointer.pointee
        let chroma = Int(f.height + 1) / 2
        for (base, stride, value, rows) in [(f.data.0, f.linesize.0, Int32(16), Int(f.height)), (f.data.1, f.linesize.1, 128, chroma),
                                            (f.data.2, f.linesize.2, 128, chroma)] {
            guard let base else { continue }
            memset(base, value, Int(stride) * rows)
        }
    }

    /// `picture` (yuv420p, at most the canvas's size) centred on the canvas;
    /// valid until the next call. The encoder may still hold the previous
    /// one, so the frame is made writable (a copy) first.
    func place(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        let writable = av_frame_is_writable(frame.pointer) != 0
        try FFmpegError.check(av_frame_make_writable(frame.pointer), "av_frame_make_writable")
        if !writable { paint() }
        let dst = frame.pointer.pointee, src = picture.pointee
        let x = Int((dst.width - src.width) / 2) & ~1, y = Int((dst.height - src.height) / 2) & ~1
        let planes = [(dst.data.0, dst.linesize.0, src.data.0, src.linesize.0, 0), (dst.data.1, dst.linesize.1, src.data.1, src.linesize.1, 1),
                      (dst.data.2, dst.linesize.2, src.data.2, src.linesize.2, 1)]
        for (to, toLine, from, fromLine, shift) in planes {
            guard let to, let from else { continue }
            let rows = (Int(src.height) + shift) >> shift, bytes = (Int(src.width) + shift) >> shift
            let toStride = Int(toLine), fromStride = Int(fromLine)
            for row in 0..<rows {
                memcpy(to + (row + (y >> shift)) * toStride + (x >> shift), from + row * fromStride, bytes)
            }
        }
        av_frame_copy_props(frame.pointer, picture)
        return frame.pointer
    }
}
