internal import CFFmpeg

/// Turns yuv420p pictures by a quarter, half or three quarters. A phone clip
/// is stored sideways with a rotation tag; the API answers upright, so an
/// answer goes back into the clip turned to the clip's stored orientation
/// (and the sandbox turns a clip upright as the API does). libswscale cannot
/// rotate and libavfilter is not linked for one transpose, so the planes are
/// moved here, on pictures already scaled to the smaller size.
final class PictureRotation {
    /// Clockwise degrees applied to the source: 90, 180 or 270.
    let degrees: Int
    let output = Frame()

    /// `width` and `height` are the source's; the output is swapped for 90 and 270.
    init(degrees: Int, width: Int32, height: Int32) throws(MediaError) {
        self.degrees = degrees
        let swaps = degrees == 90 || degrees == 270
        output.pointer.pointee.width = swaps ? height : width
        output.pointer.pointee.height = swaps ? width : height
        output.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try FFmpegError.check(av_frame_get_buffer(output.pointer, 0), "av_frame_get_buffer")
    }

    /// Rotates a yuv420p picture into `output` and returns it.
    func rotate(_ source: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let s = source.pointee, d = output.pointer.pointee
        let planes = [(s.data.0, s.linesize.0, d.data.0, d.linesize.0, 0),
                      (s.data.1, s.linesize.1, d.data.1, d.linesize.1, 1),
                      (s.data.2, s.linesize.2, d.data.2, d.linesize.2, 1)]
        for (src, srcStride, dst, dstStride, shift) in planes {
            guard let src, let dst else { continue }
            let w = (Int(s.width) + shift) >> shift, h = (Int(s.height) + shift) >> shift
            let ss = Int(srcStride), ds = Int(dstStride)
            switch degrees {
            case 90:  // source (x, y) lands at (h - 1 - y, x)
                for y in 0..<h { for x in 0..<w { dst[x * ds + (h - 1 - y)] = src[y * ss + x] } }
            case 270:  // source (x, y) lands at (y, w - 1 - x)
                for y in 0..<h { for x in 0..<w { dst[(w - 1 - x) * ds + y] = src[y * ss + x] } }
            default:  // 180
                for y in 0..<h { for x in 0..<w { dst[(h - 1 - y) * ds + (w - 1 - x)] = src[y * ss + x] } }
            }
        }
        av_frame_copy_props(output.pointer, source)
        return output.pointer
    }
}
