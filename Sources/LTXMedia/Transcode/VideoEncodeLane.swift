internal import CFFmpeg

/// A video stream decoded, scaled to yuv420p at the target size, retimed
/// and encoded with libx264 (transcode.c's order), optionally padded to a
/// frame count by repeating its last picture.
final class VideoEncodeLane: Lane {
    let inIndex: Int
    private let inTimeBase: AVRational
    private let outIndex: Int
    private let decoder: Decoder
    private let encoder: Encoder
    private let size: (width: Int32, height: Int32)
    /// The constant output rate, when retiming; pictures are placed on its ticks.
    private let constantRate: AVRational?
    /// One frame's duration in the encoder's time base, for padding.
    private let frameDuration: Int64
    private let padTo: Int?
    /// Copies of the first picture put before it, in frames.
    private let lead: Int
    private let effect: SectionEffect?
    private var scaler: Scaler?
    /// With a fill: the picture fitted inside the size, the rest that colour.
    private let fill: PictureFill?
    private var fitter: FittedScaler?
    /// Turns pictures upright (with `codedScaler` first to yuv420p when needed).
    private let rotation: PictureRotation?
    private var codedScaler: Scaler?
    private let frame = Frame()
    /// The last picture sent to the encoder, repeated when padding.
    private let held = Frame()
    private let packet = Packet()
    private var origin = 0.0
    private var originTs: Int64 = 0
    private var windowEnd = Double.infinity
    private var lastIndex: Int64 = -1
    /// The constant-rate grid starts at the first picture kept, not at the
    /// container's start: a stream whose first picture sits half a frame in
    /// (x265 in Matroska: 21 ms at 24 fps) would otherwise round two
    /// neighbours onto one tick and lose one of them.
    private var gridStart: Double?
    private var lastPts: Int64 = 0
    private(set) var framesWritten = 0
    private(set) var paddedFrames = 0
    private(set) var isDone = false

    init(encoding index: Int, from input: FormatContext, to output: OutputContext, settings: VideoEncoding,
         padTo: Int?, lead: Int = 0, effect: SectionEffect?) throws(MediaError) {
        self.lead = lead
        inIndex = index
        self.padTo = padTo
        self.effect = effect
        fill = settings.width != nil && settings.height != nil ? settings.fill : nil
        (inTimeBase, decoder, encoder, size, constantRate, frameDuration, outIndex, rotation) = try input.withStream(index) {
            st throws(MediaError) -> (AVRational, Decoder, Encoder, (width: Int32, height: Int32), AVRational?, Int64, Int, PictureRotation?) in
            let par = st.pointee.codecpar.pointee
            let turn = settings.upright == true ? ((-Int(cffmpeg_stream_rotation(st).rounded())) % 360 + 360) % 360 : 0
            let rotation = turn == 0 ? nil : try PictureRotation(degrees: turn, width: par.width, height: par.height)
            let inTimeBase = st.pointee.time_base
            let decoder = try Decoder(parameters: st.pointee.codecpar, path: input.path, threads: 0, timeBase: inTimeBase)
            // yuv420p needs even sizes.
            let width = Int32(settings.width ?? Int(par.width)) & ~1
            let height = Int32(settings.height ?? Int(par.height)) & ~1
            let rate = StreamFrameRate.of(st)
            let cfr: AVRational? = settings.frameRate.map { AVRational(num: Int32($0), den: 1) } ?? (settings.constantFrameRate ? rate : nil)
            let encoderTimeBase = cfr.map { AVRational(num: $0.den, den: $0.num) } ?? inTimeBase
            var options = ["preset": settings.preset, "profile": "high"]
            if settings.bitRate == nil { options["crf"] = String(settings.crf) }
            let encoder = try Encoder.h264(width: width, height: height, timeBase: encoderTimeBase, frameRate: cfr ?? rate,
                                           options: options, for: output) { ctx in
                // A fitted picture is scaled to square pixels.
                ctx.pointee.sample_aspect_ratio = settings.fill != nil ? AVRational(num: 1, den: 1) : par.sample_aspect_ratio
                ctx.pointee.color_range = par.color_range
                ctx.pointee.colorspace = par.color_space
                ctx.pointee.color_primaries = par.color_primaries
                ctx.pointee.color_trc = par.color_trc
                ctx.pointee.thread_count = 0
                if let b = settings.bitRate {
                    ctx.pointee.bit_rate = Int64(b)
                    ctx.pointee.rc_max_rate = Int64(b) * 3 / 2
                    ctx.pointee.rc_buffer_size = Int32(clamping: b * 2)
                }
            }
            let duration = cfr != nil ? 1 : max(1, av_rescale_q(1, AVRational(num: rate.den, den: rate.num), encoderTimeBase))
            let outIndex = try output.addStream(for: encoder) { out in if settings.upright != true { cffmpeg_copy_display_matrix(st, out) } }
            return (inTimeBase, decoder, encoder, (width, height), cfr, duration, outIndex, rotation)
        }
    }

    func setOrigin(_ seconds: Double, windowEnd: Double) {
        origin = seconds
        originTs = FFmpegTime.ticks(seconds, inTimeBase)
        self.windowEnd = windowEnd
    }

    /// The end of the last picture written, on the output's timeline.
    var secondsDone: Double {
        framesWritten == 0 ? 0 : FFmpegTime.seconds(lastPts + frameDuration, encoder.timeBase) ?? 0
    }

    private func seconds(_ ts: Int64) -> Double { FFmpegTime.seconds(ts, inTimeBase) ?? 0 }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        try decoder.send(packet)
        try drainDecoder(output: output)
    }

    private func drainDecoder(output: OutputContext) throws(MediaError) {
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let ts = frame.timestamp
            let t = seconds(ts)
            if t < origin - 1e-6 { continue }
            if t >= windowEnd - 1e-6 { isDone = true; continue }
            try encode(frame.pointer, at: t, timestamp: ts, output: output)
        }
    }

    private func encode(_ decoded: UnsafeMutablePointer<AVFrame>, at t: Double, timestamp: Int64,
                        output: OutputContext) throws(MediaError) {
        var picture = decoded
        if let rotation {
            // Turned at the stored size, before scaling to the (larger) answer size.
            let d = decoded.pointee
            if d.format != AV_PIX_FMT_YUV420P.rawValue {
                if codedScaler == nil {
                    codedScaler = try Scaler(from: (d.width, d.height, AVPixelFormat(rawValue: d.format)), to: (d.width, d.height, AV_PIX_FMT_YUV420P))
                }
                picture = try codedScaler!.scale(decoded)
            }
            picture = try rotation.rotate(picture)
        }
        let d = picture.pointee
        if let fill {
            picture = try fitter(for: d, fill: fill).place(picture)
        } else if d.width != size.width || d.height != size.height || d.format != AV_PIX_FMT_YUV420P.rawValue {
            picture = try scaler(for: d).scale(picture)
        }
        if let rate = constantRate {
            // A constant rate: one picture per tick, the nearest; the rest are dropped.
            let start = gridStart ?? t
            gridStart = start
            let index = Int64(((t - start) * Double(rate.num) / Double(rate.den)).rounded())
            guard index > lastIndex else { return }
            lastIndex = index
            picture.pointee.pts = index
        } else {
            picture.pointee.pts = timestamp - originTs
        }
        picture.pointee.pict_type = AV_PICTURE_TYPE_NONE
        let leadSeconds = Double(lead) * (FFmpegTime.seconds(frameDuration, encoder.timeBase) ?? 0)
        if lead > 0 {
            if framesWritten == 0 { try encodeLead(picture, leadSeconds: leadSeconds, output: output) }
            picture.pointee.pts += Int64(lead) * frameDuration
        }
        try effect?.apply(toPicture: picture, at: t - origin + leadSeconds)
        lastPts = picture.pointee.pts
        held.unref()
        try FFmpegError.check(av_frame_ref(held.pointer, picture), "av_frame_ref")
        try encoder.send(picture)
        try drainEncoder(output: output)
        framesWritten += 1
    }

    /// `lead` copies of the first picture, each its own writable copy (the
    /// effect changes it), on the first ticks.
    private func encodeLead(_ picture: UnsafeMutablePointer<AVFrame>, leadSeconds: Double, output: OutputContext) throws(MediaError) {
        let step = leadSeconds / Double(lead)
        for k in 0..<lead {
            let copy = Frame()
            try FFmpegError.check(av_frame_ref(copy.pointer, picture), "av_frame_ref")
            try FFmpegError.check(av_frame_make_writable(copy.pointer), "av_frame_make_writable")
            copy.pointer.pointee.pts = Int64(k) * frameDuration
            try effect?.apply(toPicture: copy.pointer, at: Double(k) * step)
            try encoder.send(copy.pointer)
            try drainEncoder(output: output)
            framesWritten += 1
        }
    }

    /// Made for the first picture that needs it: only a decoded picture
    /// tells the input's real size and pixel format.
    private func scaler(for picture: AVFrame) throws(MediaError) -> Scaler {
        if let scaler { return scaler }
        let made = try Scaler(from: (picture.width, picture.height, AVPixelFormat(rawValue: picture.format)),
                              to: (size.width, size.height, AV_PIX_FMT_YUV420P))
        scaler = made
        return made
    }

    /// The same, for a picture fitted inside the size with `fill` around it.
    private func fitter(for picture: AVFrame, fill: PictureFill) throws(MediaError) -> FittedScaler {
        if let fitter { return fitter }
        let made = try FittedScaler(from: (picture.width, picture.height, AVPixelFormat(rawValue: picture.format), picture.sample_aspect_ratio),
                                    to: (size.width, size.height), fill: fill)
        fitter = made
        return made
    }

    /// libx264 leaves packet durations at 0; the MP4 muxer would then size
    /// the edit list without the last frame, and a decoder would drop it.
    private func drainEncoder(output: OutputContext) throws(MediaError) {
        try output.drain(encoder, into: outIndex, using: packet, defaultDuration: frameDuration)
    }

    /// Flushes the decoder, pads by repeating the last picture, flushes the encoder.
    func finish(output: OutputContext) throws(MediaError) {
        try decoder.flush()
        try drainDecoder(output: output)
        if let padTo, held.pointer.pointee.width > 0 {
            while framesWritten < padTo {
                lastPts += frameDuration
                // Each its own copy: the effect (an extension's negative) changes it.
                let copy = Frame()
                try FFmpegError.check(av_frame_ref(copy.pointer, held.pointer), "av_frame_ref")
                copy.pointer.pointee.pts = lastPts
                if let effect {
                    try FFmpegError.check(av_frame_make_writable(copy.pointer), "av_frame_make_writable")
                    try effect.apply(toPicture: copy.pointer, at: FFmpegTime.seconds(lastPts, encoder.timeBase) ?? 0)
                }
                try encoder.send(copy.pointer)
                try drainEncoder(output: output)
                framesWritten += 1
                paddedFrames += 1
            }
        }
        try encoder.send(nil)
        try drainEncoder(output: output)
    }
}
