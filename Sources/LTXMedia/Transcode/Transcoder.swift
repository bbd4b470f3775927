internal import CFFmpeg
import Synchronization

/// Runs a `TranscodeJob`, in the order of FFmpeg's doc/examples
/// (remux.c for copied streams, transcode.c for encoded ones): open the
/// input, set up one output stream per kept input stream, write the header,
/// then read packets, copy or decode-process-encode them, flush, and write
/// the trailer.
public enum Transcoder {
    /// Blocks the calling thread. `isCancelled` is polled between packets;
    /// when it turns true the run stops with a `.cancelled` error and the
    /// output is left for the caller to delete.
    public static func runBlocking(_ job: TranscodeJob,
                                   progress: (TranscodeProgress) -> Void = { _ in },
                                   isCancelled: () -> Bool = { false }) throws(MediaError) -> TranscodeResult {
        _ = FFmpegLog.quietByDefault
        let session = try TranscodeSession(job: job)
        return try session.run(progress: progress, isCancelled: isCancelled)
    }

    /// Runs on a Dispatch thread, off the cooperative pool; cancelling the
    /// calling task stops the work.
    public static func run(_ job: TranscodeJob,
                           progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(MediaError) -> TranscodeResult {
        let cancelled = CancellationFlag()
        let result: Result<TranscodeResult, MediaError> = await withTaskCancellationHandler {
            await BlockingExecutor.run { () -> Result<TranscodeResult, MediaError> in
                Result { () throws(MediaError) in try runBlocking(job, progress: progress, isCancelled: { cancelled.isSet }) }
            }
        } onCancel: {
            cancelled.set()
        }
        return try result.get()
    }
}

/// Set once from any thread, read from the worker.
package final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    package init() {}
    package func set() { value.store(true, ordering: .relaxed) }
    package var isSet: Bool { value.load(ordering: .relaxed) }
}

/// One run of one job: owns the input, the output and every stream's state.
final class TranscodeSession {
    private let job: TranscodeJob
    private let input: FormatContext
    private let output: OutputContext
    private var video: VideoLane?
    private var audio: AudioLane?
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
        if let v = streams.video.first(where: { !$0.info.isImage }), job.format == .mp4 {
            switch job.video {
            case .drop: break
            case .copy: video = try VideoLane(copying: v.info.index, from: input, to: output)
            case .encode(let e): video = try VideoLane(encoding: v.info.index, from: input, to: output, settings: e)
            }
        }
        if let a = streams.audio.first {
            switch job.audio {
            case .drop: break
            case .copy: audio = try AudioLane(copying: a.index, from: input, to: output)
            case .encode(let e): audio = try AudioLane(encoding: a.index, from: input, to: output, settings: e)
            }
        }
        guard video != nil || audio != nil else {
            throw MediaError(kind: .noStreams, path: job.input, message: "nothing to write: no stream is kept")
        }
        if job.padVideoToFrames != nil, video?.encoder == nil {
            throw MediaError(kind: .unsupported, path: job.input, message: "padding frames needs the video re-encoded")
        }
    }

    func run(progress: (TranscodeProgress) -> Void, isCancelled: () -> Bool) throws(MediaError) -> TranscodeResult {
        try positionWindow()
        video?.setOrigin(origin)
        audio?.setOrigin(origin, windowEnd: windowEnd)
        video?.effect = job.effect
        audio?.effect = job.effect
        try output.writeHeader(fastStart: true)

        let packet = Packet()
        var reported = 0
        while try input.readPacket(into: packet) {
            if isCancelled() { throw MediaError(kind: .cancelled, path: job.output, message: "cancelled") }
            let index = packet.streamIndex
            if let v = video, index == v.inIndex {
                try v.take(packet, windowEnd: windowEnd, output: output)
            } else if let a = audio, index == a.inIndex {
                try a.take(packet, windowEnd: windowEnd, output: output)
            } else {
                continue
            }
            let done = video?.framesWritten ?? 0
            if done - reported >= 10 || (video == nil && audio!.secondsDone - Double(reported) >= 1) {
                reported = video == nil ? Int(audio!.secondsDone) : done
                progress(TranscodeProgress(framesDone: done, framesExpected: job.expectedFrames,
                                           secondsDone: origin + (audio?.secondsDone ?? 0)))
            }
            if (video?.isDone ?? true) && (audio?.isDone ?? true) { break }
        }
        try video?.finish(padTo: job.padVideoToFrames, windowEnd: windowEnd, output: output)
        try audio?.finish(windowEnd: windowEnd, output: output)
        try output.finish()
        progress(TranscodeProgress(framesDone: video?.framesWritten ?? 0, framesExpected: job.expectedFrames,
                                   secondsDone: origin + (audio?.secondsDone ?? 0)))
        return TranscodeResult(inputStart: origin, videoFrames: video?.framesWritten ?? 0,
                               paddedFrames: video?.paddedFrames ?? 0, audioSamples: audio?.samplesWritten ?? 0,
                               audioSampleRate: audio?.outputRate)
    }

    /// With a window, seeks to the keyframe at or before its start. A copied
    /// video can only start on that keyframe, so the output starts there;
    /// an encoded one starts exactly at the window.
    private func positionWindow() throws(MediaError) {
        guard let window = job.window else {
            origin = input.startTime ?? 0
            return
        }
        try input.seek(toKeyframeBefore: window.start)
        let kept = Set([video?.inIndex, audio?.inIndex].compactMap { $0 })
        if let v = video, v.encoder == nil {
            origin = try input.keyframeTime(atOrBefore: window.start, stream: v.inIndex) ?? window.start
        } else {
            origin = window.start
        }
        input.keepOnly(streams: kept)
        windowEnd = origin + window.duration
    }
}
