internal import CFFmpeg

/// Owns a `SwsContext` and the frame it scales into: converts decoded
/// pictures to the encoder's size and pixel format.
final class Scaler {
    private let context: OpaquePointer
    let output = Frame()

    init(from: (width: Int32, height: Int32, format: AVPixelFormat),
         to: (width: Int32, height: Int32, format: AVPixelFormat)) throws(MediaError) {
        guard let ctx = cffmpeg_scaler_new(from.width, from.height, from.format, to.width, to.height, to.format) else {
            throw MediaError(kind: .unsupported, operation: "sws_getContext", message: "cannot convert this picture format")
        }
        context = ctx
        output.pointer.pointee.width = to.width
        output.pointer.pointee.height = to.height
        output.pointer.pointee.format = to.format.rawValue
        try FFmpegError.check(av_frame_get_buffer(output.pointer, 0), "av_frame_get_buffer")
    }

    deinit { cffmpeg_scaler_free(context) }

    /// Scales `frame` into `output` and returns it; the encoder may still
    /// hold the previous picture, so the buffer is made writable first.
    func scale(_ frame: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let dst = output.pointer
        _ = cffmpeg_scaler_scale(context, frame, dst)
        av_frame_copy_props(dst, frame)
        return dst
    }
}
