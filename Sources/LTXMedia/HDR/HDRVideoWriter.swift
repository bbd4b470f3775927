internal import CFFmpeg

/// The output of `HDRAssembly`: HEVC Main 10 from libx265 with the HDR
/// tags and, for PQ, HDR10 metadata (as x265 SEI and as stream side data,
/// from which MP4/MOV write `mdcv` and `clli`), the input's rotation, and the
/// input's first audio stream copied packet for packet, as `StreamMerge`
/// copies (remux.c: `addCopiedStream`, then `writeCopy` shifted by the file's
/// clock start), every packet, interleaved by time with the pictures. Not a
/// `CopyLane`: that one drops what starts before its window, and an AAC
/// stream's first packet (its priming) starts before 0.
final class HDRVideoWriter {
    private let input: FormatContext
    private let output: OutputContext
    private let encoder: Encoder
    private let videoOut: Int
    /// The input's audio stream and its copy's index in the output.
    private let audio: (input: Int, output: Int)?
    private let audioTimeBase: AVRational
    private let clockStart: Int64
    private(set) var audioPackets = 0
    private let packet = Packet()
    private let pending = Packet()
    private var hasPending = false
    private var inputEnded = false
    private let frameDuration: Double

    init(input: FormatContext, videoIndex: Int, output path: String, muxer: String, size: (width: Int, height: Int), rate: AVRational,
         transfer: HDRTransfer, light: (maxCLL: Int, maxFALL: Int, mastering: HDRMasteringDisplay)?) throws(MediaError) {
        self.input = input
        output = try OutputContext(path: path, format: muxer)
        let globalHeader = output.needsGlobalHeader
        var params = "log-level=error"
        if size.width * size.height > 2560 * 1440 { params += MatchingEncoder.x265Above1440p }
        if let light {
            let p = HDRAssembly.bt2020Primaries
            // x265 orders the primaries green, blue, red; luminance in 1/10000 cd/m².
            params += ":master-display=G(\(p[2]),\(p[3]))B(\(p[4]),\(p[5]))R(\(p[0]),\(p[1]))WP(\(p[6]),\(p[7]))"
                + "L(\(Int(light.mastering.maxLuminance * 10_000)),\(Int(light.mastering.minLuminance * 10_000)))"
                + ":max-cll=\(light.maxCLL),\(light.maxFALL)"
        }
        encoder = try Encoder(name: "libx265", id: AV_CODEC_ID_HEVC,
                              options: ["preset": HDRAssembly.preset, "crf": String(HDRAssembly.crf), "x265-params": params], path: path) { ctx in
            ctx.pointee.width = Int32(size.width)
            ctx.pointee.height = Int32(size.height)
            ctx.pointee.pix_fmt = AV_PIX_FMT_YUV420P10LE
            ctx.pointee.time_base = AVRational(num: rate.den, den: rate.num)
            ctx.pointee.framerate = rate
            ctx.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
            ctx.pointee.color_primaries = AVCOL_PRI_BT2020
            ctx.pointee.color_trc = transfer == .hlg ? AVCOL_TRC_ARIB_STD_B67 : AVCOL_TRC_SMPTE2084
            ctx.pointee.colorspace = AVCOL_SPC_BT2020_NCL
            ctx.pointee.color_range = AVCOL_RANGE_MPEG
            if globalHeader { ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
        frameDuration = Double(rate.den) / Double(rate.num)
        let (encoder, output) = (encoder, output)
        var sideData: Int32 = 0
        videoOut = try input.withStream(videoIndex) { st throws(MediaError) in
            try output.addStream(for: encoder) { out in
                cffmpeg_copy_display_matrix(st, out)
                if let light {
                    sideData = cffmpeg_stream_add_hdr10(out, HDRAssembly.bt2020Primaries, Int32((light.mastering.minLuminance * 10_000).rounded()),
                                                        Int32(light.mastering.maxLuminance * 10_000), UInt32(light.maxCLL), UInt32(light.maxFALL))
                }
            }
        }
        try FFmpegError.check(sideData, "av_stream_add_side_data", path: path)
        if let a = input.firstStream(AVMEDIA_TYPE_AUDIO) {
            audio = (a, try input.withStream(a) { st throws(MediaError) in try output.addCopiedStream(of: st) })
            audioTimeBase = input.withStream(a) { $0.pointee.time_base }
            input.keepOnly(streams: [a])
        } else {
            audio = nil
            audioTimeBase = AVRational(num: 1, den: 1)
        }
        clockStart = FFmpegTime.ticks(input.clockStart, audioTimeBase)
        try output.writeHeader(fastStart: muxer != "matroska")
    }

    /// Encodes one picture (its pts counts frames), after the audio due before it.
    func write(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) {
        try writeAudio(until: Double(picture.pointee.pts) * frameDuration)
        try encoder.send(picture)
        try output.drain(encoder, into: videoOut, using: packet, defaultDuration: 1)
    }

    /// The input's audio packets that start before `seconds` on the output's timeline.
    private func writeAudio(until seconds: Double) throws(MediaError) {
        guard let audio else { return }
        while true {
            if !hasPending {
                guard !inputEnded else { return }
                repeat {
                    hasPending = try input.readPacket(into: pending)
                } while hasPending && pending.streamIndex != audio.input
                if !hasPending { inputEnded = true; return }
            }
            let t = FFmpegTime.seconds((pending.dts ?? pending.pts ?? 0) - clockStart, audioTimeBase) ?? 0
            guard t < seconds else { return }
            try output.writeCopy(pending, shiftedBy: clockStart, from: audioTimeBase, to: audio.output)
            audioPackets += 1
            pending.unref()
            hasPending = false
        }
    }

    func finish() throws(MediaError) {
        try encoder.send(nil)
        try output.drain(encoder, into: videoOut, using: packet, defaultDuration: 1)
        try writeAudio(until: .infinity)
        try output.finish()
    }
}
