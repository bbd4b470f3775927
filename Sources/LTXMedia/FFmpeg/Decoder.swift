internal import CFFmpeg

/// Owns one opened `AVCodecContext`, set up from a stream's parameters
/// (demux_decode.c's open_codec_context).
final class Decoder {
    private let context: UnsafeMutablePointer<AVCodecContext>

    /// `parameters` is borrowed for the duration of the call only.
    init(parameters: UnsafePointer<AVCodecParameters>, path: String?, threads: Int32 = 1,
         timeBase: AVRational? = nil) throws(MediaError) {
        let (codec, ctx) = try Self.allocate(parameters.pointee.codec_id, path: path)
        context = ctx
        // From here on deinit frees the context, also when a call below throws.
        try FFmpegError.check(avcodec_parameters_to_context(ctx, parameters), "avcodec_parameters_to_context", path: path)
        ctx.pointee.thread_count = threads
        if let timeBase { ctx.pointee.pkt_timebase = timeBase }
        try FFmpegError.check(avcodec_open2(ctx, codec, nil), "avcodec_open2", path: path)
    }

    /// A decoder opened on out-of-band parameter sets only: opening parses
    /// them (`extradata`), and for HEVC exports the SPS's stream parameters
    /// (size, profile, sample aspect ratio) without decoding a picture.
    init(codec id: AVCodecID, extradata: UnsafeBufferPointer<UInt8>, path: String?) throws(MediaError) {
        let (codec, ctx) = try Self.allocate(id, path: path)
        context = ctx
        // The context owns the copy (avcodec_free_context frees it); FFmpeg wants it zero-padded.
        guard let copy = av_mallocz(extradata.count + Int(AV_INPUT_BUFFER_PADDING_SIZE))?.assumingMemoryBound(to: UInt8.self) else {
            fatalError("av_mallocz: out of memory")
        }
        if let base = extradata.baseAddress { copy.update(from: base, count: extradata.count) }
        ctx.pointee.extradata = copy
        ctx.pointee.extradata_size = Int32(extradata.count)
        ctx.pointee.thread_count = 1
        try FFmpegError.check(avcodec_open2(ctx, codec, nil), "avcodec_open2", path: path)
    }

    /// The decoder for `id` and a context for it: the first steps of both ways to open one.
    private static func allocate(_ id: AVCodecID, path: String?) throws(MediaError)
        -> (UnsafePointer<AVCodec>, UnsafeMutablePointer<AVCodecContext>) {
        guard let codec = avcodec_find_decoder(id) else {
            throw MediaError(kind: .unsupported, path: path, operation: "avcodec_find_decoder",
                             message: "this FFmpeg has no decoder for \(String(cString: avcodec_get_name(id)))")
        }
        guard let ctx = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        return (codec, ctx)
    }

    deinit {
        var p: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&p)
    }

    /// The profile the decoder settled on after the frames it has seen.
    var profile: Int32 { context.pointee.profile }

    func send(_ packet: borrowing Packet) throws(MediaError) {
        let rc = avcodec_send_packet(context, packet.pointer)
        if rc < 0 && rc != FFmpegError.again { try FFmpegError.check(rc, "avcodec_send_packet") }
    }

    /// Signals end of input, so the decoder gives up the frames it holds.
    func flush() throws(MediaError) {
        let rc = avcodec_send_packet(context, nil)
        if rc < 0 && rc != FFmpegError.eof { try FFmpegError.check(rc, "avcodec_send_packet") }
    }

    /// Forgets every reference picture, after a flush, so the decoder can
    /// start again at a later keyframe.
    func reset() { avcodec_flush_buffers(context) }

    var channelLayout: AVChannelLayout { context.pointee.ch_layout }
    var sampleAspectRatio: AVRational { context.pointee.sample_aspect_ratio }
    var sampleRate: Int32 { context.pointee.sample_rate }

    /// Next decoded frame into `frame`; false when the decoder needs more input.
    func receive(into frame: borrowing Frame) throws(MediaError) -> Bool {
        let rc = avcodec_receive_frame(context, frame.pointer)
        if rc == FFmpegError.again || rc == FFmpegError.eof { return false }
        try FFmpegError.check(rc, "avcodec_receive_frame")
        return true
    }
}
