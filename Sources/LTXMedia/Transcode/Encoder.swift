internal import CFFmpeg

/// Owns one opened encoder `AVCodecContext` (transcode.c's enc_ctx).
final class Encoder {
    let context: UnsafeMutablePointer<AVCodecContext>

    /// `setUp` fills in the context before `avcodec_open2`; `options` are the
    /// encoder's private options (preset, crf...).
    init(name: String?, id: AVCodecID, options: [String: String], path: String?,
         setUp: (UnsafeMutablePointer<AVCodecContext>) -> Void) throws(MediaError) {
        let found = name.flatMap { avcodec_find_encoder_by_name($0) } ?? avcodec_find_encoder(id)
        guard let codec = found else {
            throw MediaError(kind: .unsupported, path: path, operation: "avcodec_find_encoder",
                             message: "this FFmpeg has no \(name ?? String(cString: avcodec_get_name(id))) encoder")
        }
        guard let ctx = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        context = ctx
        setUp(ctx)
        var dict: OpaquePointer?
        for (k, v) in options { av_dict_set(&dict, k, v, 0) }
        defer { av_dict_free(&dict) }
        try FFmpegError.check(avcodec_open2(ctx, codec, &dict), "avcodec_open2", path: path)
    }

    deinit {
        var p: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&p)
    }

    var timeBase: AVRational { context.pointee.time_base }
    var frameSize: Int { Int(context.pointee.frame_size) }
    var sampleRate: Int32 { context.pointee.sample_rate }
    /// A copy of the context's layout; the layouts `aacLC` sets are native
    /// masks, which own no memory, so the copy needs no uninit.
    var channelLayout: AVChannelLayout { context.pointee.ch_layout }

    func copyParameters(to stream: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        try FFmpegError.check(avcodec_parameters_from_context(stream.pointee.codecpar, context), "avcodec_parameters_from_context")
    }

    /// Sends a frame, or nil to flush.
    func send(_ frame: UnsafeMutablePointer<AVFrame>?) throws(MediaError) {
        let rc = avcodec_send_frame(context, frame)
        if rc == FFmpegError.eof { return }
        try FFmpegError.check(rc, "avcodec_send_frame")
    }

    func receive(into packet: borrowing Packet) throws(MediaError) -> Bool {
        let rc = avcodec_receive_packet(context, packet.pointer)
        if rc == FFmpegError.again || rc == FFmpegError.eof { return false }
        try FFmpegError.check(rc, "avcodec_receive_packet")
        return true
    }
}
