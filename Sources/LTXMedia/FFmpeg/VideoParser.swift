internal import CFFmpeg

/// Owns an `AVCodecParserContext` and the codec context it reports into.
/// A parser reads a stream's headers (for H.264 and HEVC: the SPS and the
/// slice header) without decoding a picture.
final class VideoParser {
    private let parser: UnsafeMutablePointer<AVCodecParserContext>
    private let context: UnsafeMutablePointer<AVCodecContext>

    /// Nil when FFmpeg has no parser for the codec.
    init?(parameters: UnsafePointer<AVCodecParameters>) {
        guard let p = cffmpeg_parser_init(parameters.pointee.codec_id) else { return nil }
        guard let c = avcodec_alloc_context3(nil) else { fatalError("avcodec_alloc_context3: out of memory") }
        parser = p
        context = c
        // Every demuxed packet here is a whole frame.
        parser.pointee.flags |= PARSER_FLAG_COMPLETE_FRAMES
        if avcodec_parameters_to_context(c, parameters) < 0 { return nil }
        // The parser then reports the SPS timing as frames, not fields, a
        // second, as the H.264 decoder does (on FFmpeg 6.1 and later it
        // always does; see the helper).
        if parameters.pointee.codec_id == AV_CODEC_ID_H264 { cffmpeg_h264_parser_counts_frames(c) }
    }

    deinit {
        av_parser_close(parser)
        var c: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&c)
    }

    func parse(_ packet: borrowing Packet) {
        var out: UnsafeMutablePointer<UInt8>?
        var outSize: Int32 = 0
        let p = packet.pointer.pointee
        _ = av_parser_parse2(parser, context, &out, &outSize, p.data, p.size, p.pts, p.dts, p.pos)
    }

    /// The pixel format the headers declare; -1 until the parser has seen them.
    var pixelFormat: Int32 { parser.pointee.format }
    var fieldOrder: AVFieldOrder { parser.pointee.field_order }
    /// The picture size the parsed SPS declares, cropping applied; 0 until
    /// the parser has seen it. This, not the container's header, is what a
    /// decoder outputs.
    var width: Int32 { parser.pointee.width }
    var height: Int32 { parser.pointee.height }
    /// The profile the parsed SPS declares (the parser writes it to the context).
    var profile: Int32 { context.pointee.profile }
    var codecID: AVCodecID { context.pointee.codec_id }
    /// Frames a second as the parsed SPS's timing (VUI) declares them; 0/1 until seen or when absent.
    var frameRate: AVRational { context.pointee.framerate }
    /// Extra fields the last parsed picture lasts (H.264: 1 for a frame, 0 for one field).
    var repeatPict: Int32 { parser.pointee.repeat_pict }
}
