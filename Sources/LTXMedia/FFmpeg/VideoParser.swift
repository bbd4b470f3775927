internal import CFFmpeg

/// Owns an `AVCodecParserContext` and the codec context it reports into.
/// A parser reads a stream's headers (for H.264 and HEVC: the SPS and the
/// slice header) without decoding a picture.
final class VideoParser {
    private let parser: UnsafeMutablePointer<AVCodecParserContext>
    private let context: UnsafeMutablePointer<AVCodecContext>

    /// Nil when FFmpeg has no parser for the codec.
    init?(parameters: UnsafePointer<AVCodecParameters>) {
        guard let p = av_parser_init(Int32(parameters.pointee.codec_id.rawValue)) else { return nil }
        guard let c = avcodec_alloc_context3(nil) else { fatalError("avcodec_alloc_context3: out of memory") }
        parser = p
        context = c
        // Every demuxed packet here is a whole frame.
        parser.pointee.flags |= PARSER_FLAG_COMPLETE_FRAMES
        if avcodec_parameters_to_context(c, parameters) < 0 { return nil }
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
}
