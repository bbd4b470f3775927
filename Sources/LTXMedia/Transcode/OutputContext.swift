internal import CFFmpeg

/// Owns one output `AVFormatContext` and its file (remux.c's ofmt_ctx):
/// streams are added, the header written, packets interleaved, the trailer
/// written. Closing without `finish()` leaves a partial file for the caller
/// to delete: the caller writes to a temporary path, never the final one.
final class OutputContext {
    let path: String
    /// The muxer's name: "mp4", "ipod" (M4A), "mov"...
    let format: String
    private let context: UnsafeMutablePointer<AVFormatContext>
    private var ioOpen = false
    private var headerWritten = false

    init(path: String, format: String) throws(MediaError) {
        self.path = path
        self.format = format
        var ctx: UnsafeMutablePointer<AVFormatContext>?
        let rc = avformat_alloc_output_context2(&ctx, nil, format, path)
        guard rc >= 0, let ctx else { throw MediaError.ffmpeg(rc, "avformat_alloc_output_context2", path: path, kind: .output) }
        context = ctx
    }

    deinit {
        if ioOpen { cffmpeg_close_output_io(context) }
        avformat_free_context(context)
    }

    var needsGlobalHeader: Bool { cffmpeg_needs_global_header(context) != 0 }

    /// True when this container can hold `codec` (`avformat_query_codec`, normal compliance).
    func accepts(_ codec: AVCodecID) -> Bool {
        avformat_query_codec(context.pointee.oformat, codec, 0) == 1
    }

    /// Adds a stream and returns its index. `configure` gets the new stream
    /// and must not keep it.
    func addStream(_ configure: (UnsafeMutablePointer<AVStream>) throws(MediaError) -> Void) throws(MediaError) -> Int {
        guard let st = avformat_new_stream(context, nil) else { fatalError("avformat_new_stream: out of memory") }
        try configure(st)
        return Int(st.pointee.index)
    }

    /// A stream for `encoder`'s packets (transcode.c): the encoder's
    /// parameters and time base; `configure` adds what the encoder does not
    /// know (rotation).
    func addStream(for encoder: Encoder,
                   configure: (UnsafeMutablePointer<AVStream>) -> Void = { _ in }) throws(MediaError) -> Int {
        let hevcInISOBMFF = encoder.context.pointee.codec_id == AV_CODEC_ID_HEVC && ["mp4", "mov"].contains(format)
        return try addStream { out throws(MediaError) in
            try encoder.copyParameters(to: out)
            if hevcInISOBMFF { out.pointee.codecpar.pointee.codec_tag = Self.hvc1Tag }
            out.pointee.time_base = encoder.timeBase
            configure(out)
        }
    }

    /// `hvc1`: HEVC in MP4/MOV with its parameter sets in the sample
    /// description. FFmpeg's muxer picks `hev1` when left to itself, and
    /// Apple's players refuse `hev1`.
    static let hvc1Tag = UInt32(0x68) | UInt32(0x76) << 8 | UInt32(0x63) << 16 | UInt32(0x31) << 24
    static let hev1Tag = UInt32(0x68) | UInt32(0x65) << 8 | UInt32(0x76) << 16 | UInt32(0x31) << 24

    /// A stream that takes `input`'s packets as they are (remux.c): same
    /// parameters, no codec tag (the muxer picks its own, except `hvc1` for
    /// HEVC in MP4/MOV), same time base, same rotation.
    /// `extradata` replaces the input's out-of-band parameter sets (a splice
    /// carries two encoders' sets in one track).
    /// `inBandParameterSets`: HEVC samples will carry parameter sets too, so
    /// MP4 and MOV write the `hev1` sample entry, which allows them.
    func addCopiedStream(of input: UnsafeMutablePointer<AVStream>, extradata: [UInt8]? = nil,
                         inBandParameterSets: Bool = false) throws(MediaError) -> Int {
        let hevcInISOBMFF = input.pointee.codecpar.pointee.codec_id == AV_CODEC_ID_HEVC && ["mp4", "mov"].contains(format)
        return try addStream { out throws(MediaError) in
            try FFmpegError.check(avcodec_parameters_copy(out.pointee.codecpar, input.pointee.codecpar), "avcodec_parameters_copy")
            if let extradata {
                let par = out.pointee.codecpar!
                av_freep(&par.pointee.extradata)
                guard let buffer = av_mallocz(extradata.count + Int(AV_INPUT_BUFFER_PADDING_SIZE)) else { fatalError("av_mallocz: out of memory") }
                buffer.copyMemory(from: extradata, byteCount: extradata.count)
                par.pointee.extradata = buffer.assumingMemoryBound(to: UInt8.self)
                par.pointee.extradata_size = Int32(extradata.count)
            }
            out.pointee.codecpar.pointee.codec_tag = hevcInISOBMFF ? (inBandParameterSets ? Self.hev1Tag : Self.hvc1Tag) : 0
            out.pointee.time_base = input.pointee.time_base
            cffmpeg_copy_display_matrix(input, out)
        }
    }

    func timeBase(of stream: Int) -> AVRational { context.pointee.streams[stream]!.pointee.time_base }

    /// Opens the file and writes the header; `+faststart` puts the index first.
    func writeHeader(fastStart: Bool) throws(MediaError) {
        try FFmpegError.check(cffmpeg_open_output_io(context, path), "avio_open", path: path)
        ioOpen = true
        var options: OpaquePointer?
        if fastStart { av_dict_set(&options, "movflags", "+faststart", 0) }
        defer { av_dict_free(&options) }
        try FFmpegError.check(avformat_write_header(context, &options), "avformat_write_header", path: path)
        headerWritten = true
    }

    /// Writes `packet` (timestamps already in the output stream's time base).
    func write(_ packet: borrowing Packet) throws(MediaError) {
        try FFmpegError.check(av_interleaved_write_frame(context, packet.pointer), "av_interleaved_write_frame", path: path)
    }

    /// remux.c's step for a copied packet: shift by `offset` (in `timeBase`),
    /// rescale to the output stream, write.
    func writeCopy(_ p: borrowing Packet, shiftedBy offset: Int64, from timeBase: AVRational, to stream: Int) throws(MediaError) {
        let raw = p.pointer
        if raw.pointee.pts != FFmpegTime.noValue { raw.pointee.pts -= offset }
        if raw.pointee.dts != FFmpegTime.noValue { raw.pointee.dts -= offset }
        av_packet_rescale_ts(raw, timeBase, self.timeBase(of: stream))
        raw.pointee.stream_index = Int32(stream)
        raw.pointee.pos = -1
        try write(p)
    }

    /// transcode.c's encode_write_frame: every packet the encoder has,
    /// rescaled and written. `defaultDuration` (encoder time base) fills in
    /// packets that come without one.
    func drain(_ encoder: Encoder, into stream: Int, using packet: borrowing Packet, defaultDuration: Int64 = 0) throws(MediaError) {
        while try encoder.receive(into: packet) {
            if packet.pointer.pointee.duration <= 0 { packet.pointer.pointee.duration = defaultDuration }
            av_packet_rescale_ts(packet.pointer, encoder.timeBase, timeBase(of: stream))
            packet.pointer.pointee.stream_index = Int32(stream)
            try write(packet)
        }
    }

    func finish() throws(MediaError) {
        guard headerWritten else { return }
        try FFmpegError.check(av_write_trailer(context), "av_write_trailer", path: path)
        cffmpeg_close_output_io(context)
        ioOpen = false
    }
}
