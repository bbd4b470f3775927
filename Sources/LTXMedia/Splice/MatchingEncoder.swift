internal import CFFmpeg

/// The encoder a splice re-encodes the original's pictures with: its codec
/// (H.264 with libx264, HEVC with libx265; anything else becomes H.264), its
/// size, pixel format, profile, level, aspect and colour, on its time base.
struct MatchingEncoder {
    let codec: AVCodecID
    let width: Int32
    let height: Int32
    let pixelFormat: AVPixelFormat
    let profile: String?
    let level: Int32
    let timeBase: AVRational
    let frameRate: AVRational
    let crf: Int
    let preset: String
    /// libx264's parameter-set id, when its sets must not clash with the original's.
    let parameterSetID: Int?
    /// B-frames reorder decode times; a run between copied GOPs has none.
    let bFrames: Bool
    private let sampleAspect: AVRational
    private let colour: (AVColorRange, AVColorSpace, AVColorPrimaries, AVColorTransferCharacteristic)

    /// Pixel formats libx264 and libx265 take as they are.
    private static let encodable: Set<Int32> = [AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV444P,
                                                AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_YUV444P10LE].reduce(into: []) { $0.insert($1.rawValue) }

    init(stream st: UnsafeMutablePointer<AVStream>, crf: Int, preset: String, parameterSetID: Int?, bFrames: Bool) {
        let par = st.pointee.codecpar.pointee
        codec = par.codec_id == AV_CODEC_ID_HEVC ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264
        width = par.width
        height = par.height
        pixelFormat = Self.encodable.contains(par.format) ? AVPixelFormat(rawValue: par.format) : AV_PIX_FMT_YUV420P
        profile = codec == AV_CODEC_ID_H264 && par.codec_id == AV_CODEC_ID_H264 ? Self.x264Profile(par.profile) : nil
        // Another codec's level (MPEG-4 Part 2's, say) means nothing to libx264, which refuses it.
        level = par.codec_id == codec ? par.level : 0
        timeBase = st.pointee.time_base
        frameRate = StreamFrameRate.of(st)
        self.crf = crf
        self.preset = preset
        self.parameterSetID = parameterSetID
        self.bFrames = bFrames
        sampleAspect = par.sample_aspect_ratio
        colour = (par.color_range, par.color_space, par.color_primaries, par.color_trc)
    }

    /// The original's HDR transfer, when its pictures are 10-bit 4:2:0 HLG or PQ: an answer's SDR is converted to it.
    var hdr: HDRTransfer? {
        guard pixelFormat == AV_PIX_FMT_YUV420P10LE else { return nil }
        return HDRTransfer(colour.3)
    }

    var codecName: String { codec == AV_CODEC_ID_HEVC ? "HEVC (libx265)" : "H.264 (libx264)" }

    private static func x264Profile(_ p: Int32) -> String? {
        switch p & 0xff {
        case 66: "baseline"
        case 77, 88: "main"
        case 100: "high"
        case 110: "high10"
        case 122: "high422"
        case 244: "high444"
        default: nil
        }
    }

    /// libx265 past 1440p, held under 1 GB: one frame thread, no lookahead,
    /// no B-frames, no cu-tree, one reference picture. Each picture x265
    /// holds is a full 4K one at 16 bits a sample (its 10-bit build), with
    /// its quarter-size copies. Measured with ffmpeg on 4K 10-bit HLG at the
    /// fast preset, CRF 17, its decoder on one thread, two cores: the preset's
    /// own settings peak at 1,831 MB; one frame thread with a one-frame
    /// lookahead at 1,000 MB; no lookahead at 850 MB; B-frames back (two,
    /// a three-frame lookahead) at 1,485 MB. A splice's runs are a few GOPs
    /// long, where a lookahead and B-frames buy little.
    static let x265Above1440p = ":frame-threads=1:rc-lookahead=0:bframes=0:no-cutree=1:ref=1"

    func open(for output: OutputContext) throws(MediaError) -> Encoder {
        // A picture sent as I (the original's keyframes, VideoRun) becomes an IDR, not an open-GOP I.
        var options = ["preset": preset, "crf": String(crf), "forced-idr": "1"]
        if let profile { options["profile"] = profile }
        let configure = { (ctx: UnsafeMutablePointer<AVCodecContext>) in
            ctx.pointee.pix_fmt = pixelFormat
            ctx.pointee.sample_aspect_ratio = sampleAspect
            (ctx.pointee.color_range, ctx.pointee.colorspace, ctx.pointee.color_primaries, ctx.pointee.color_trc) = colour
            ctx.pointee.thread_count = 0
            if !bFrames { ctx.pointee.max_b_frames = 0 }
            if level > 0 && codec == AV_CODEC_ID_H264 { ctx.pointee.level = level }
        }
        if codec == AV_CODEC_ID_HEVC {
            options["x265-params"] = "log-level=error" + (Int(width) * Int(height) > 2560 * 1440 ? Self.x265Above1440p : bFrames ? "" : ":bframes=0")
            return try Encoder.hevc(width: width, height: height, timeBase: timeBase, frameRate: frameRate, options: options,
                                    for: output, configure: configure)
        }
        if let parameterSetID { options["x264-params"] = "sps-id=\(parameterSetID)" }
        return try Encoder.h264(width: width, height: height, timeBase: timeBase, frameRate: frameRate, options: options,
                                for: output, configure: configure)
    }
}

extension Encoder {
    /// The encoder's out-of-band parameter sets (`extradata`), as bytes.
    var extradata: [UInt8] {
        guard let data = context.pointee.extradata, context.pointee.extradata_size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(context.pointee.extradata_size)))
    }
}
