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
/// packet (`HeaderSniffer`).
///
/// An MPEG-TS has no such header, but its frames are all read anyway to be
/// counted: with H.264/HEVC video and AAC (ADTS) audio only, that one pass
/// also gives what the analysis would (`TransportStreamClock`), or says it
/// cannot, and the probe starts again on the full path.
/// Everything else gets the full path.
enum LightStreamInfo {
    enum Kind: Equatable {
        /// MP4/MOV or Matroska: the header's facts, the first packets parsed.
        case header
        /// MPEG-TS: the packet scan's facts (`TransportStreamClock`).
        case transportStream
    }

    private static let parsedCodecs: Set<AVCodecID> = [AV_CODEC_ID_H264, AV_CODEC_ID_HEVC]

    static func kind(for input: FormatContext) -> Kind? {
        let demuxer = input.demuxerName
        if demuxer == "mpegts" { return transportStreamSuffices(input) ? .transportStream : nil }
        guard demuxer.hasPrefix("mov,") || demuxer.hasPrefix("matroska") else { return nil }
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
            if !complete { return nil }
        }
        return hasAV ? .header : nil
    }

    /// One program, H.264/HEVC video and AAC audio and nothing else: a
    /// subtitle or data stream would need the analysis (its codec probed,
    /// its timestamps in the file's start and end), and so would a second
    /// program (FFmpeg times each program on its own).
    private static func transportStreamSuffices(_ input: FormatContext) -> Bool {
        guard input.programCount <= 1, input.streamCount > 0 else { return false }
        return (0..<input.streamCount).allSatisfy { i in
            input.withStream(i) { st in
                let par = st.pointee.codecpar.pointee
                switch par.codec_type {
                case AVMEDIA_TYPE_VIDEO: return parsedCodecs.contains(par.codec_id) && st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
                case AVMEDIA_TYPE_AUDIO: return par.codec_id == AV_CODEC_ID_AAC
                default: return false
                }
            }
        }
    }
}
