internal import CFFmpeg

/// Reads a video stream's pixel format, field order, profile and true size
/// from its first packets with FFmpeg's parser. In an MPEG-TS, whose header
/// holds none of a stream's facts, also the frame rate the SPS declares and
/// its sample aspect ratio (`SequenceAspectRatio`).
final class HeaderSniffer {
    let position: Int
    private let parser: VideoParser
    private let path: String
    private var packetsSeen = 0
    private let packetLimit: Int
    /// The container has no sample aspect ratio of its own: the SPS's is read.
    private let readsAspectRatio: Bool
    private var aspectRatio: AVRational?
    /// The parser's frame rate and repeat count at the first picture it saw.
    private var firstPicture: (frameRate: AVRational, repeatPict: Int32)?
    /// VP9: the first key frame's header, read here rather than by the parser.
    private let isVP9: Bool
    private var vp9: VP9Header?

    init?(position: Int, stream: Int, in input: FormatContext, kind: LightStreamInfo.Kind) {
        self.position = position
        guard let p = input.withStream(stream, { VideoParser(parameters: $0.pointee.codecpar) }) else { return nil }
        parser = p
        path = input.path
        isVP9 = p.codecID == AV_CODEC_ID_VP9
        readsAspectRatio = kind == .transportStream
        // An MPEG-TS is read to its end anyway to be counted, and one cut
        // mid-GOP shows its first SPS only at its next key frame.
        packetLimit = kind == .transportStream ? 300 : 8
    }

    var isDone: Bool {
        vp9 != nil || (firstPicture != nil && (!readsAspectRatio || aspectRatio != nil)) || packetsSeen >= packetLimit
    }

    func feed(_ packet: borrowing Packet) {
        packetsSeen += 1
        if isVP9 {
            let p = packet.pointer.pointee
            if let data = p.data { vp9 = VP9Header(UnsafeBufferPointer(start: data, count: Int(p.size))) }
            return
        }
        parser.parse(packet)
        // The SPS comes before the first picture the parser can describe,
        // in that picture's packet or an earlier one.
        if readsAspectRatio && aspectRatio == nil && firstPicture == nil {
            aspectRatio = packet.withBytes { SequenceAspectRatio.read(codec: parser.codecID, packet: $0, path: path) }
        }
        if firstPicture == nil && parser.pixelFormat >= 0 {
            firstPicture = (parser.frameRate, parser.repeatPict)
        }
    }

    func finish(_ video: inout PendingVideo) {
        if let vp9 {
            video.info.pixelFormat = vp9.pixelFormatName
            video.info.bitDepth = vp9.bitDepth
            video.info.fieldOrder = "progressive"  // VP9 has no fields
            video.info.setCodedSize(width: Int(vp9.width), height: Int(vp9.height))
            video.info.profile = StreamReader.profileName(AV_CODEC_ID_VP9, vp9.profile)
            return
        }
        let format = parser.pixelFormat
        if format >= 0 {
            video.info.pixelFormat = av_get_pix_fmt_name(AVPixelFormat(rawValue: format)).map { String(cString: $0) }
            let depth = Int(cffmpeg_pix_fmt_depth(format))
            video.info.bitDepth = depth > 0 ? depth : nil
        }
        if let order = StreamReader.fieldOrder(parser.fieldOrder) { video.info.fieldOrder = order }
        if parser.width > 0 && parser.height > 0 { video.info.setCodedSize(width: Int(parser.width), height: Int(parser.height)) }
        if video.info.profile == nil { video.info.profile = StreamReader.profileName(parser.codecID, parser.profile) }
        if readsAspectRatio, let aspectRatio {
            let kept = SequenceAspectRatio.kept(aspectRatio, width: parser.width, height: parser.height)
            video.info.sampleAspectRatio = kept.num > 0 && kept.den > 0 ? "\(kept.num):\(kept.den)" : nil
        }
        if let firstPicture {
            video.sniffed = SniffedPicture(frameRate: firstPicture.frameRate, repeatPict: firstPicture.repeatPict,
                                           aspectRatioRead: aspectRatio != nil)
        }
    }
}
