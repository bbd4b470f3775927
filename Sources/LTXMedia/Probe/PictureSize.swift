internal import CFFmpeg

/// A video stream's size as its decoder outputs it, against what the
/// container's header (MP4 `avc1`/`tkhd`, Matroska `PixelWidth`/`PixelHeight`)
/// claims. The header is a muxer's note and can be wrong in either
/// direction; the API's decoder goes by the stream, so the probe does too.
///
/// The header's values are taken before `avformat_find_stream_info`, which
/// overwrites them with the decoder's. On the light path (no analysis) the
/// parser's SPS values replace them (`HeaderSniffer`).
struct DeclaredSizes {
    private var sizes: [Int: (width: Int, height: Int)] = [:]

    init(_ input: FormatContext) {
        for i in 0..<input.streamCount {
            let size = input.withStream(i) { st -> (width: Int, height: Int)? in
                let par = st.pointee.codecpar.pointee
                guard par.codec_type == AVMEDIA_TYPE_VIDEO, par.width > 0, par.height > 0 else { return nil }
                return (Int(par.width), Int(par.height))
            }
            if let size { sizes[i] = size }
        }
    }

    /// Records the header's size on each stream whose header disagrees with
    /// the stream. A header without a size (MPEG-TS, raw streams) says nothing.
    func annotate(_ streams: inout ProbedStreams) {
        for k in streams.video.indices {
            let info = streams.video[k].info
            guard let declared = sizes[info.index], info.codedWidth > 0, info.codedHeight > 0,
                  declared.width != info.codedWidth || declared.height != info.codedHeight else { continue }
            streams.video[k].info.headerWidth = declared.width
            streams.video[k].info.headerHeight = declared.height
        }
    }
}

extension VideoStreamInfo {
    /// Replaces the stored size, keeping the rotation's view of it in step.
    mutating func setCodedSize(width: Int, height: Int) {
        codedWidth = width
        codedHeight = height
        let swaps = rotation == 90 || rotation == 270
        displayWidth = swaps ? height : width
        displayHeight = swaps ? width : height
    }
}

enum PictureSize {
    /// A picture stream whose size no one could read, not even its decoder
    /// (a PNG whose IHDR asks for 100000x100000, an H.264 stream cut before
    /// its SPS): nothing can use it, so the file is unreadable rather than a
    /// 0x0 picture.
    static func requireKnown(_ streams: ProbedStreams, path: String) throws(MediaError) {
        for v in streams.video where v.info.codedWidth <= 0 || v.info.codedHeight <= 0 {
            throw MediaError(kind: .unreadable, path: path,
                             message: "the \(v.info.codec) stream's picture size cannot be read: its decoder found no header it accepts")
        }
    }
}
