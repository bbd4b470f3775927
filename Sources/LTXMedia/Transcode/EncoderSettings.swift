internal import CFFmpeg

/// The two encoders ltx-prep writes with, each set up in one place, so a
/// transcode and a made-up clip cannot drift apart in how they use them.
extension Encoder {
    /// libx264 to yuv420p. `options` are libx264's own (preset, crf,
    /// profile); `configure` sets what only some callers carry over from a
    /// source (aspect, colour, threads, rate control) before the encoder opens.
    static func h264(width: Int32, height: Int32, timeBase: AVRational, frameRate: AVRational,
                     options: [String: String], for output: OutputContext,
                     configure: (UnsafeMutablePointer<AVCodecContext>) -> Void = { _ in }) throws(MediaError) -> Encoder {
        let globalHeader = output.needsGlobalHeader
        return try Encoder(name: "libx264", id: AV_CODEC_ID_H264, options: options, path: output.path) { ctx in
            ctx.pointee.width = width
            ctx.pointee.height = height
            ctx.pointee.pix_fmt = AV_PIX_FMT_YUV420P
            ctx.pointee.time_base = timeBase
            ctx.pointee.framerate = frameRate
            configure(ctx)
            if globalHeader { ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
    }

    /// libx265, for pictures that must stay HEVC; same contract as `h264`.
    static func hevc(width: Int32, height: Int32, timeBase: AVRational, frameRate: AVRational,
                     options: [String: String], for output: OutputContext,
                     configure: (UnsafeMutablePointer<AVCodecContext>) -> Void = { _ in }) throws(MediaError) -> Encoder {
        let globalHeader = output.needsGlobalHeader
        return try Encoder(name: "libx265", id: AV_CODEC_ID_HEVC, options: options, path: output.path) { ctx in
            ctx.pointee.width = width
            ctx.pointee.height = height
            ctx.pointee.time_base = timeBase
            ctx.pointee.framerate = frameRate
            configure(ctx)
            if globalHeader { ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
    }

    /// Rates the AAC encoder takes.
    static let aacRates: Set<Int32> = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350]

    /// The original's own bit rate when it states one, at most 320 kb/s, so
    /// the sound a splice encodes again keeps its quality; nil lets
    /// `aacLC(matching:)` choose by the channels.
    static func keptBitRate(of par: AVCodecParameters) -> Int? {
        par.bit_rate > 0 ? Int(min(par.bit_rate, 320_000)) : nil
    }

    /// AAC-LC for a source's sound: its rate when AAC takes it (else 48 kHz),
    /// mono or stereo; `bitRate` nil picks 128 kb/s stereo, 64 kb/s mono.
    static func aacLC(matching par: AVCodecParameters, bitRate: Int?, for output: OutputContext) throws(MediaError) -> Encoder {
        let rate = aacRates.contains(par.sample_rate) ? par.sample_rate : 48000
        let channels: Int32 = par.ch_layout.nb_channels == 1 ? 1 : 2
        return try aacLC(sampleRate: rate, channels: channels, bitRate: bitRate ?? (channels == 1 ? 64_000 : 128_000), for: output)
    }

    /// FFmpeg's native AAC encoder, LC profile, planar float in, with the
    /// default layout for `channels`. The time base is one sample, so frame
    /// timestamps are sample counts.
    static func aacLC(sampleRate: Int32, channels: Int32, bitRate: Int, for output: OutputContext) throws(MediaError) -> Encoder {
        let globalHeader = output.needsGlobalHeader
        return try Encoder(name: "aac", id: AV_CODEC_ID_AAC, options: [:], path: output.path) { ctx in
            ctx.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
            ctx.pointee.sample_rate = sampleRate
            av_channel_layout_uninit(&ctx.pointee.ch_layout)
            av_channel_layout_default(&ctx.pointee.ch_layout, channels)
            ctx.pointee.bit_rate = Int64(bitRate)
            ctx.pointee.time_base = AVRational(num: 1, den: sampleRate)
            ctx.pointee.profile = cffmpeg_profile_aac_low()
            if globalHeader { ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
    }
}
