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
            ctx.pointee.profile = FF_PROFILE_AAC_LOW
            if globalHeader { ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        }
    }
}
