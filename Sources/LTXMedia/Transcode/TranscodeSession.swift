/// One run of one job: owns the input, the output and every stream's lane.
final class TranscodeSession {
    private let job: TranscodeJob
    private let input: FormatContext
    private let output: OutputContext
    private let video: (any Lane)?
    private let audio: (any Lane)?
    /// Every kept stream, video first: the order they are finished in.
    private let lanes: [any Lane]
    /// Where the output starts on the input's timeline, in seconds.
    private var origin: Double = 0
    private var windowEnd: Double = .infinity

    init(job: TranscodeJob) throws(MediaError) {
        guard job.input != job.output else {
            throw MediaError(kind: .output, path: job.output, message: "refusing to write over the input")
        }
        self.job = job
        input = try FormatContext(path: job.input, timeout: nil)
        try input.findStreamInfo()
        output = try OutputContext(path: job.output, format: job.format.muxer)

        let streams = StreamReader.read(input, container: .other, adtsHeader: nil)
        var video: (any Lane)?
        if let v = streams.video.first(where: { !$0.info.isImage }), job.format == .mp4 {
            switch job.video {
            case .drop: break
            case .copy: video = try CopyLane(copying: v.info.index, from: input, to: output)
            case .encode(let e):
                video = try VideoEncodeLane(encoding: v.info.index, from: input, to: output, settings: e,
                                            padTo: job.padVideoToFrames, lead: job.leadFrames ?? 0, effect: job.effect)
            }
        }
        var audio: (any Lane)?
        if let a = streams.audio.first {
            switch job.audio {
            case .drop: break
            case .copy: audio = try CopyLane(copying: a.index, from: input, to: output)
            case .encode(let e): audio = try AudioEncodeLane(encoding: a.index, from: input, to: output, settings: e, effect: job.effect)
            }
        }
        self.video = video
        self.audio = audio
        lanes = [video, audio].compactMap { $0 }
        guard !lanes.isEmpty else {
            throw MediaError(kind: .noStreams, path: job.input, message: "nothing to write: no stream is kept")
        }
        if job.padVideoToFrames != nil, !(video is VideoEncodeLane) {
            throw MediaError(kind: .unsupported, path: job.input, message: "padding frames needs the video re-encoded")
        }
    }

    func run(progress: (TranscodeProgress) -> Void, isCancelled: () -> Bool) throws(MediaError) -> TranscodeResult {
        try positionWindow()
        for lane in lanes { lane.setOrigin(origin, windowEnd: windowEnd) }
        try output.writeHeader(fastStart: true)

        let packet = Packet()
        var reported = 0
        while try input.readPacket(into: packet) {
            if isCancelled() { throw MediaError(kind: .cancelled, path: job.output, message: "cancelled") }
            let index = packet.streamIndex
            guard let lane = lanes.first(where: { $0.inIndex == index }) else { continue }
            try lane.take(packet, output: output)
            // Every 10 pictures; without video, every whole second of audio.
            let (done, step) = video.map { ($0.framesWritten, 10) } ?? (Int(audio?.secondsDone ?? 0), 1)
            if done - reported >= step {
                reported = done
                progress(currentProgress)
            }
            if lanes.allSatisfy(\.isDone) { break }
        }
        for lane in lanes { try lane.finish(output: output) }
        try output.finish()
        progress(currentProgress)
        let audioEncoded = audio as? AudioEncodeLane
        return TranscodeResult(inputStart: origin - input.clockStart, videoFrames: video?.framesWritten ?? 0,
                               paddedFrames: (video as? VideoEncodeLane)?.paddedFrames ?? 0,
                               audioSamples: audioEncoded?.samplesWritten ?? 0,
                               audioSampleRate: audioEncoded.map { Int($0.outputRate) })
    }

    private var currentProgress: TranscodeProgress {
        TranscodeProgress(framesDone: video?.framesWritten ?? 0, framesExpected: job.expectedFrames,
                          secondsDone: origin - input.clockStart + (audio?.secondsDone ?? 0))
    }

    /// With a window, seeks to the keyframe at or before its start. A copied
    /// video can only start on that keyframe, so the output starts there;
    /// an encoded one starts exactly at the window.
    private func positionWindow() throws(MediaError) {
        guard let window = job.window else {
            origin = input.startTime ?? 0
            return
        }
        let start = input.clockStart + window.start
        // Copied or decoded, the video starts on the keyframe at or before the window (an exact cut decodes from there and drops what is before).
        if let video {
            let keyframe = try input.keyframeTime(atOrBefore: start, stream: video.inIndex)
            origin = video is CopyLane ? keyframe ?? start : start
            (video as? CopyLane)?.startsOnKeyframe = keyframe != nil
        } else {
            try input.seek(toKeyframeBefore: start)
            origin = start
        }
        input.keepOnly(streams: Set(lanes.map(\.inIndex)))
        windowEnd = origin + window.duration
    }
}
