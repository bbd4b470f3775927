internal import CFFmpeg

/// When the container's header already says everything the rules need,
/// `avformat_find_stream_info` is skipped: for H.264 it decodes several
/// frames only to guess the reorder delay, which is most of a probe's time.
///
/// It applies to MP4/MOV and Matroska whose video is H.264 or HEVC (or, in
/// Matroska with a stated frame rate, VP9) with a known size, and whose audio has a known rate and channel count (or is
/// AAC, which `AACRevealer` decodes anyway). The pixel format and field
/// order, which such a header lacks, and the size the SPS declares, which
/// such a header may misstate, come from FFmpeg's parser on the first
/// packet (`HeaderSniffer`). Everything else gets the full path.
enum LightStreamInfo {
    private static let parsedCodecs: Set<AVCodecID> = [AV_CODEC_ID_H264, AV_CODEC_ID_HEVC]

    static func suffices(for input: FormatContext) -> Bool {
        let demuxer = input.demuxerName
        guard demuxer.hasPrefix("mov,") || demuxer.hasPrefix("matroska") else { return false }
        var hasAV = false
        for i in 0..<input.streamCount {
            let complete = input.withStream(i) { st -> Bool in
                let par = st.pointee.codecpar.pointee
                switch par.codec_type {
                case AVMEDIA_TYPE_VIDEO where st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0:
                    return true
                case AVMEDIA_TYPE_VIDEO:
                    hasAV = true
                    // VP9's key-frame header (`VP9Header`) gives what its parser does not; its
                    // rate must come from the header (Matroska's DefaultDuration).
                    let vp9 = par.codec_id == AV_CODEC_ID_VP9 && demuxer.hasPrefix("matroska")
                        && st.pointee.avg_frame_rate.num > 0 && st.pointee.avg_frame_rate.den > 0
                    return (parsedCodecs.contains(par.codec_id) || vp9) && par.width > 0 && par.height > 0
                case AVMEDIA_TYPE_AUDIO:
                    hasAV = true
                    return par.codec_id == AV_CODEC_ID_AAC || (par.sample_rate > 0 && par.ch_layout.nb_channels > 0)
                default:
                    return true
                }
            }
            if !complete { return false }
        }
        return hasAV
    }
}

/// Reads a video stream's pixel format, field order, profile and true size
/// from its first packets with FFmpeg's parser.
final class HeaderSniffer {
    let position: Int
    private let parser: VideoParser
    private var packetsSeen = 0
    private static let packetLimit = 8
    /// VP9: the first key frame's header, read here rather than by the parser.
    private let isVP9: Bool
    private var vp9: VP9Header?

    init?(position: Int, stream: Int, in input: FormatContext) {
        self.position = position
        guard let p = input.withStream(stream, { VideoParser(parameters: $0.pointee.codecpar) }) else { return nil }
        parser = p
        isVP9 = p.codecID == AV_CODEC_ID_VP9
    }

    var isDone: Bool { vp9 != nil || parser.pixelFormat >= 0 || packetsSeen >= Self.packetLimit }

    func feed(_ packet: borrowing Packet) {
        packetsSeen += 1
        if isVP9 {
            let p = packet.pointer.pointee
            if let data = p.data { vp9 = VP9Header(UnsafeBufferPointer(start: data, count: Int(p.size))) }
            return
        }
        parser.parse(packet)
    }

    func finish(_ info: inout VideoStreamInfo) {
        if let vp9 {
            info.pixelFormat = vp9.pixelFormatName
            info.bitDepth = vp9.bitDepth
            info.fieldOrder = "progressive"  // VP9 has no fields
            info.setCodedSize(width: Int(vp9.width), height: Int(vp9.height))
            info.profile = StreamReader.profileName(AV_CODEC_ID_VP9, vp9.profile)
            return
        }
        let format = parser.pixelFormat
        if format >= 0 {
            info.pixelFormat = av_get_pix_fmt_name(AVPixelFormat(rawValue: format)).map { String(cString: $0) }
            let depth = Int(cffmpeg_pix_fmt_depth(format))
            info.bitDepth = depth > 0 ? depth : nil
        }
        if let order = StreamReader.fieldOrder(parser.fieldOrder) { info.fieldOrder = order }
        if parser.width > 0 && parser.height > 0 { info.setCodedSize(width: Int(parser.width), height: Int(parser.height)) }
        if info.profile == nil { info.profile = StreamReader.profileName(parser.codecID, parser.profile) }
    }
}
