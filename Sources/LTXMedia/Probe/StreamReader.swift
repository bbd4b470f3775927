internal import CFFmpeg

/// A video stream while the probe is still filling it in.
struct PendingVideo {
    var info: VideoStreamInfo
    var timeBase: AVRational
    /// What the first packets told beyond the header (`HeaderSniffer`), once it saw a picture.
    var sniffed: SniffedPicture?
}

/// What FFmpeg's parser established from a stream's first picture.
struct SniffedPicture {
    /// Frames a second the SPS's timing declares; 0/1 when it declares none.
    var frameRate: AVRational
    /// The parser's `repeat_pict` for that picture (H.264: 1 for a frame, 0 for a field).
    var repeatPict: Int32
    /// The sample aspect ratio was read from the SPS (only asked for in an MPEG-TS).
    var aspectRatioRead: Bool
}

struct ProbedStreams {
    var video: [PendingVideo] = []
    var audio: [AudioStreamInfo] = []
    var other: [OtherStreamInfo] = []
}

/// Turns each `AVStream`'s codec parameters into Swift values.
enum StreamReader {
    /// Image formats. All but GIF hold one picture; a GIF's frames are counted.
    private static let imageContainers: Set<ContainerFormat> = [.png, .jpeg, .webp, .bmp, .tiff, .gif]

    static func firstCodecName(_ input: FormatContext) -> String? {
        guard input.streamCount > 0 else { return nil }
        return input.withStream(0) { String(cString: avcodec_get_name($0.pointee.codecpar.pointee.codec_id)) }
    }

    static func read(_ input: FormatContext, container: ContainerFormat, adtsHeader: AACHeader?) -> ProbedStreams {
        var result = ProbedStreams()
        for i in 0..<input.streamCount {
            input.withStream(i) { st in
                let par = st.pointee.codecpar.pointee
                let codec = String(cString: avcodec_get_name(par.codec_id))
                switch par.codec_type {
                case AVMEDIA_TYPE_VIDEO where st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0:
                    result.other.append(OtherStreamInfo(index: i, type: "cover-art", codec: codec))
                case AVMEDIA_TYPE_VIDEO:
                    result.video.append(PendingVideo(info: video(st, index: i, codec: codec, image: imageContainers.contains(container), still: imageContainers.contains(container) && container != .gif),
                                                     timeBase: st.pointee.time_base))
                case AVMEDIA_TYPE_AUDIO:
                    result.audio.append(audio(st, index: i, codec: codec, adtsHeader: adtsHeader))
                default:
                    let type = av_get_media_type_string(par.codec_type).map { String(cString: $0) } ?? "unknown"
                    result.other.append(OtherStreamInfo(index: i, type: type, codec: codec))
                }
            }
        }
        return result
    }

    /// The clockwise turn a player gives the stream's pictures (0, 90, 180, 270):
    /// the display matrix holds a counter-clockwise angle, players rotate by its negation.
    static func clockwiseRotation(_ st: UnsafeMutablePointer<AVStream>) -> Int {
        ((-Int(cffmpeg_stream_rotation(st).rounded())) % 360 + 360) % 360
    }

    private static func video(_ st: UnsafeMutablePointer<AVStream>, index: Int, codec: String, image: Bool, still: Bool) -> VideoStreamInfo {
        let par = st.pointee.codecpar.pointee
        let width = Int(par.width), height = Int(par.height)
        let rotation = clockwiseRotation(st)
        let swaps = rotation == 90 || rotation == 270
        let rate = validRate(st.pointee.avg_frame_rate) ?? validRate(st.pointee.r_frame_rate)
        let sar = par.sample_aspect_ratio
        let pixFmt = par.format >= 0 ? av_get_pix_fmt_name(AVPixelFormat(rawValue: par.format)).map { String(cString: $0) } : nil
        let depth = par.format >= 0 ? Int(cffmpeg_pix_fmt_depth(par.format)) : 0
        var info = VideoStreamInfo(
            index: index, codec: codec, profile: profileName(par.codec_id, par.profile),
            pixelFormat: pixFmt, bitDepth: depth > 0 ? depth : nil,
            codedWidth: width, codedHeight: height, rotation: rotation,
            displayWidth: swaps ? height : width, displayHeight: swaps ? width : height,
            sampleAspectRatio: sar.num > 0 && sar.den > 0 ? "\(sar.num):\(sar.den)" : nil,
            frameRate: rate.map { Double($0.num) / Double($0.den) },
            frameRateFraction: rate.map { "\($0.num)/\($0.den)" },
            variableFrameRate: false, fieldOrder: fieldOrder(par.field_order),
            frameCount: 0, frameCountMethod: still ? "still" : "unknown",
            duration: FFmpegTime.seconds(st.pointee.duration, st.pointee.time_base),
            bitRate: par.bit_rate > 0 ? par.bit_rate : nil, isImage: image)
        func named(_ name: UnsafePointer<CChar>?, unspecified: Bool) -> String? { unspecified ? nil : name.map { String(cString: $0) } }
        info.colorPrimaries = named(av_color_primaries_name(par.color_primaries), unspecified: par.color_primaries == AVCOL_PRI_UNSPECIFIED)
        info.colorTransfer = named(av_color_transfer_name(par.color_trc), unspecified: par.color_trc == AVCOL_TRC_UNSPECIFIED)
        info.colorSpace = named(av_color_space_name(par.color_space), unspecified: par.color_space == AVCOL_SPC_UNSPECIFIED)
        return info
    }

    /// FFmpeg's name for a channel layout ("stereo", "5.1"), when it has one.
    static func layoutName(_ layout: inout AVChannelLayout) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf -> String? in
            av_channel_layout_describe(&layout, buf.baseAddress, buf.count) > 0 ? String(cString: buf.baseAddress!) : nil
        }
    }

    private static func audio(_ st: UnsafeMutablePointer<AVStream>, index: Int, codec: String, adtsHeader: AACHeader?) -> AudioStreamInfo {
        let par = st.pointee.codecpar.pointee
        var chLayout = par.ch_layout
        let layout = layoutName(&chLayout)
        let header = par.codec_id == AV_CODEC_ID_AAC ? (aacConfig(par) ?? adtsHeader) : nil
        let profile = profileName(par.codec_id, par.profile) ?? header?.profileName
        return AudioStreamInfo(
            index: index, codec: codec, profile: profile, declaredProfile: header?.profileName ?? profile,
            profileSource: profile == nil ? nil : "header",
            sampleRate: header?.sampleRate ?? Int(par.sample_rate), channels: header?.channels ?? Int(par.ch_layout.nb_channels),
            decodedSampleRate: nil, decodedChannels: nil, samplesPerFrame: nil,
            channelLayout: layout,
            duration: FFmpegTime.seconds(st.pointee.duration, st.pointee.time_base),
            bitRate: par.bit_rate > 0 ? par.bit_rate : nil)
    }

    private static func aacConfig(_ par: AVCodecParameters) -> AACHeader? {
        guard let data = par.extradata, par.extradata_size >= 2 else { return nil }
        return AACHeader(audioSpecificConfig: Array(UnsafeBufferPointer(start: data, count: Int(par.extradata_size))))
    }

    static func profileName(_ id: AVCodecID, _ profile: Int32) -> String? {
        guard profile != cffmpeg_profile_unknown() else { return nil }
        return avcodec_profile_name(id, profile).map { String(cString: $0) }
    }

    private static func validRate(_ r: AVRational) -> AVRational? {
        r.num > 0 && r.den > 0 ? r : nil
    }

    static func fieldOrder(_ order: AVFieldOrder) -> String? {
        switch order {
        case AV_FIELD_PROGRESSIVE: "progressive"
        case AV_FIELD_TT: "tt"
        case AV_FIELD_BB: "bb"
        case AV_FIELD_TB: "tb"
        case AV_FIELD_BT: "bt"
        default: nil
        }
    }
}
