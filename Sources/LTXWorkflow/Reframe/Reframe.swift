import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight
import LTXSystem
import Logging

/// `ltx-prep reframe`: the whole video at another aspect, the area the
/// picture does not cover outpainted by the model, with the input's own
/// audio and every one of its frames.
///
/// ```swift
/// let outcome = try await Reframe.run(ReframeJob(input: "clip.mp4", resolution: "1080x1920", output: "clip-9x16.mp4"),
///                                     client: client)
/// print(outcome.written?.frames ?? 0, "frames at", outcome.resolution)
/// ```
public enum Reframe {
    /// Checks the input against reframe's limits (60 s, 1800 frames, 200 MB)
    /// before anything is fixed, uploaded or paid (one line saying which and
    /// by how much); fixes it if its container or codecs must change; sends
    /// it as a v2 job, journaled as every paid call (`Generation.run`);
    /// then writes the answer's video with the input's own audio stream,
    /// its packets copied unchanged, to a temporary file renamed into place,
    /// and re-probes it: the asked size, and the input's frame count (said
    /// in the outcome). `approve` sees the estimate (per second of input at
    /// the output's tier; nil where no price is documented) before anything
    /// is paid, and throws to stop. The rest (the output's checks, a rerun
    /// already placed, the answer kept on a failed merge or removed on an
    /// interrupt) is the edit lifecycle's, `PaidEdit`.
    public static func run(_ job: ReframeJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ReframeOutcome {
        if let why = ReframeJob.refusal(resolution: job.resolution, aspect: nil) { throw .reframeRefused(why) }
        guard let size = ReframeSize(rawValue: job.resolution) else { throw .reframeRefused(.sizeNotOffered(job.resolution)) }
        let edit = PaidEdit(input: job.input, output: job.output)
        try edit.checkOutput(dryRun: options.dryRun)
        let media = try await admit(job)
        let answer = edit.answerPath(call: 1)
        let ran = try await edit.run([job.call(size, answer: answer)], approval: .eachCall, client: client, options: options,
                                     approve: approve, events: events) { _ throws(WorkflowError) in
            try await merge(answer: answer, input: job.input, inputMedia: media, output: job.output, size: size)
        }
        var outcome = ReframeOutcome(generation: ran.outcomes[0], input: job.input, output: job.output, resolution: job.resolution)
        switch ran {
        case .placedBefore: outcome.alreadyDone = true
        case .dryRun: break
        case .placed(_, let written): outcome.written = written
        }
        return outcome
    }

    /// The input's probe, once it is known to be within reframe's limits:
    /// what no fix can mend (longer than 60 s, more than 1800 frames) is
    /// refused here in one line, before anything is uploaded.
    static func admit(_ job: ReframeJob) async throws(WorkflowError) -> MediaInfo {
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(job.input) } catch { throw .unreadable(error) }
        _ = try media.video(for: .reframe)
        let report: CheckReport
        switch Preflight.evaluate(media, CheckRequest(endpoint: .reframe, delivery: job.delivery)) {
        case .success(let r): report = r
        case .failure(let e): throw .unreadable(e)
        }
        let unfixable = report.findings.filter { $0.severity == .error && $0.fixAction == .unfixable }
        if !unfixable.isEmpty {
            throw .beyondEndpoint(path: job.input, endpoint: .reframe, findings: unfixable)
        }
        return media
    }

    /// The answer's video and the input's audio, merged beside the output
    /// and renamed into place once it reads back at the asked size.
    static func merge(answer: String, input: String, inputMedia: MediaInfo, output: String, size: ReframeSize) async throws(WorkflowError) -> ReframeOutcome.Written {
        let asked = size.rawValue.split(separator: "x").compactMap { Int($0) }
        let file = OutputFile(path: output)
        do throws(WorkflowError) {
            let (merged, audio): (StreamMergeResult, String?)
            do throws(MediaError) {
                (merged, audio) = try await mergeStreams(answer: answer, input: input, hasAudio: inputMedia.primaryAudio != nil, output: file.temporary)
            } catch {
                throw WorkflowError.mergeFailed(path: input, error)
            }
            let written: MediaInfo
            do throws(MediaError) { written = try await MediaProbe.probe(file.temporary) } catch {
                throw WorkflowError.unusable("\(input): the reframed file does not read back: \(error.description)")
            }
            guard let v = written.primaryVideo, asked.count == 2, v.displayWidth == asked[0], v.displayHeight == asked[1] else {
                let got = written.primaryVideo.map { "\($0.displayWidth)x\($0.displayHeight)" } ?? "no video"
                throw WorkflowError.unusable("\(input): the answer is \(got), not the \(size.rawValue) asked; nothing was written")
            }
            if Task.isCancelled { throw WorkflowError.cancelled }
            do { try file.commit() } catch {
                throw WorkflowError.cannotWrite(path: output, reason: "cannot rename into place: \(error.message)")
            }
            return ReframeOutcome.Written(width: v.displayWidth, height: v.displayHeight, frames: v.frameCount,
                                          inputFrames: inputMedia.primaryVideo?.frameCount ?? 0, audio: audio,
                                          audioPackets: merged.audioPackets, bytes: written.sizeBytes)
        } catch {
            file.discardTemporary()
            throw error
        }
    }

    /// The answer's video with the input's audio (`copied`); where the input's
    /// codec has no place in MP4 (PCM, say), the answer's own (`answer`).
    private static func mergeStreams(answer: String, input: String, hasAudio: Bool, output: String) async throws(MediaError) -> (StreamMergeResult, String?) {
        guard hasAudio else { return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: nil, output: output)), nil) }
        do throws(MediaError) {
            return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: input, output: output)), "copied")
        } catch where error.kind == .unsupported {
            try? LocalFiles.remove(output)
            do throws(MediaError) {
                return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: answer, output: output)), "answer")
            } catch where error.kind == .noStreams {
                try? LocalFiles.remove(output)
                return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: nil, output: output)), nil)
            }
        }
    }
}

extension Reframe {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied before `confirm` is asked; the journal is closed after.
    public static func run(_ job: ReframeJob, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ReframeOutcome {
        try await settings.running("this reframe", provider: .ltx, logger: logger, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(job, client: client, options: options, approve: approve, events: events)
        }
    }
}
