import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight
import Logging

public enum WholeRetake {
    /// The plan; what the provider cannot take (`refusal`) is refused before
    /// the input is read.
    public static func plan(_ request: WholeRetakeRequest) async throws(WorkflowError) -> WholeRetakePlan {
        try await plan(request, splicing: true)
    }

    /// `splicing` false: the answer is written as it came, so any container the input is in will do.
    static func plan(_ request: WholeRetakeRequest, splicing: Bool) async throws(WorkflowError) -> WholeRetakePlan {
        if let why = request.refusal { throw why }
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(request.input) } catch { throw .unreadable(error) }
        let video = try media.video(for: .retake)
        if splicing, let why = SpliceWriter.refusal(for: OutputName.spliceContainer(original: media.container, output: request.output)) { throw .cannotSplice(path: request.input, reason: why) }
        let duration = video.duration ?? media.duration ?? 0
        let fps = video.frameRate ?? Double(video.frameCount) / max(duration, 0.001)
        var calls: [RetakeCall]
        switch RetakeWindow.plan(sections: request.sections, context: request.context, duration: duration, frameRate: fps) {
        case .success(let planned): calls = planned
        case .failure(let e): throw .noRetakeWindow(path: request.input, e)
        }
        if request.delivery == .url {
            // The API fetches the file at the URL as it is: no window can be cut, so the
            // whole clip is sent for its one section.
            guard let only = request.sections.first, request.sections.count == 1 else {
                throw .urlTakesOneSection(request.input)
            }
            calls = [RetakeCall(window: TimeWindow(start: 0, duration: duration), section: only, sections: [only], exact: false)]
        }
        for (i, call) in calls.enumerated() {
            guard request.delivery != .url, call.cutsClip(duration: duration, frameRate: fps) else {
                calls[i] = RetakeWindow.billed(call, frames: video.frameCount, frameRate: fps)
                continue
            }
            // One read of the packets around the window: its keyframe, and what the cut holds.
            let (start, end) = (call.window.start, call.window.end)
            let cut: WindowCut?
            do throws(MediaError) {
                cut = try await BlockingExecutor.run { () throws(MediaError) in try MediaProbe.windowCut(from: start, to: end, in: request.input) }
            } catch { throw .unreadable(error) }
            // Only H.264 and HEVC windows can be copied from a keyframe; any other codec is
            // re-encoded for the API anyway, so its window is cut exactly.
            var snapped = call
            if ["h264", "hevc"].contains(video.codec) {
                snapped = RetakeWindow.snap(call, keyframe: cut?.keyframe, copiedUntil: cut?.copiedUntil, frameRate: fps)
            } else {
                snapped.exact = true
            }
            let frames = snapped.exact ? cut?.exactFrames : cut?.copiedFrames
            calls[i] = RetakeWindow.billed(snapped, frames: frames ?? Int((snapped.window.duration * fps).rounded()), frameRate: fps)
        }
        let seconds = calls.reduce(0) { $0 + ($1.seconds ?? 0) }
        return WholeRetakePlan(calls: calls, estimate: price(request, seconds: seconds), clipDuration: duration, frameRate: fps)
    }

    /// The first section's call alone, planned as `run` plans it: the section
    /// with its context, widened to the API's frames, on a keyframe or cut
    /// exactly. `sections` must not be empty.
    public static func windowOnly(_ request: WholeRetakeRequest) async throws(WorkflowError) -> WindowOnlyRetake {
        var first = request
        first.sections = Array(request.sections.prefix(1))
        let planned = try await plan(first, splicing: false)
        let call = planned.calls[0]
        return WindowOnlyRetake(job: callJob(first, call, answer: request.output, clipDuration: planned.clipDuration, frameRate: planned.frameRate),
                                call: call, frameRate: planned.frameRate)
    }

    static func price(_ request: WholeRetakeRequest, seconds: Double) -> Pricing.Estimate? {
        Pricing.estimate(endpoint: .retake, provider: request.provider, model: request.model, seconds: (seconds * 1000).rounded() / 1000)
    }

    /// Plans, asks `approve` once with the total, then for each call sends
    /// its window (journaled, as `Generation.run` does) and splices every
    /// answer into one output, through the edit's lifecycle (`PaidEdit`).
    public static func run(_ request: WholeRetakeRequest, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> RetakeOutcome {
        let edit = PaidEdit(input: request.input, output: request.output)
        try edit.checkOutput(dryRun: options.dryRun)
        let planned = try await plan(request)
        let calls = planned.calls
        let jobs = calls.enumerated().map { i, call in
            callJob(request, call, answer: edit.answerPath(call: i + 1), clipDuration: planned.clipDuration, frameRate: planned.frameRate)
        }
        // Each answer's sections, from where its window started in the input: the window as it was
        // sent, which the journal recorded for a resumed call; never planned again from this run's options.
        let pieces = { (outcomes: [GenerationOutcome]) in
            zip(calls, zip(jobs, outcomes)).flatMap { call, paid in
                call.sections.map { SpliceJob.Piece(answer: paid.0.output, answerStart: paid.1.sentWindow?.inputStart ?? 0, section: $0) }
            }
        }
        let ran = try await edit.run(jobs, approval: .total(planned.estimate), client: client, options: options, approve: approve, events: events,
                                     starting: { events(.retakeCall(index: $0 + 1, count: calls.count, calls[$0])) },
                                     received: { i, outcome throws(WorkflowError) in
            guard outcome.sentWindow != nil else {
                throw .sentBefore(.windowUnknown(input: request.input, call: i + 1, answer: jobs[i].output))
            }
        }, keptPieces: pieces) { outcomes throws(WorkflowError) in
            try await Splicer.splice(SpliceRequest(original: request.input, pieces: pieces(outcomes), mode: request.mode ?? .replaceAudioAndVideo,
                                                   output: request.output, force: options.replaceOutput)) { events(.splicing($0)) }
        }
        switch ran {
        case .placedBefore(let done): return RetakeOutcome(calls: calls, estimate: planned.estimate, generations: done, splice: nil, alreadyDone: true)
        case .dryRun(let shapes): return RetakeOutcome(calls: calls, estimate: planned.estimate, generations: shapes, splice: nil)
        case .placed(let paid, let splice): return RetakeOutcome(calls: calls, estimate: planned.estimate, generations: paid, splice: splice)
        }
    }

    /// The call that sends `call`'s window, its answer written to `answer`.
    static func callJob(_ request: WholeRetakeRequest, _ call: RetakeCall, answer: String, clipDuration: Double, frameRate: Double) -> GenerationJob {
        var fix = request.fixOptions
        // A window shorter than the clip is cut even from a clip that conforms.
        if call.cutsClip(duration: clipDuration, frameRate: frameRate) { fix.window = call.sent(clipDuration: clipDuration, frameRate: frameRate) }
        var job = GenerationJob.retake(input: request.input, section: RetakeSection(start: call.section.start, duration: call.section.duration),
                                       prompt: request.prompt, mode: request.mode, model: request.model, resolution: request.resolution,
                                       provider: request.provider,
                                       delivery: request.delivery, url: request.url, output: answer, fixOptions: fix)
        // The call's price as planned from its frames and shown in the total: the
        // journal records the same figure.
        let estimate = price(request, seconds: call.seconds ?? call.window.duration)
        job.estimate = { _ in estimate }
        return job
    }
}

extension WholeRetake {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied to the total before `confirm` is asked; the journal is closed after.
    public static func run(_ request: WholeRetakeRequest, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> RetakeOutcome {
        try await settings.running("this retake", provider: request.provider, logger: logger, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(request, client: client, options: options, approve: approve, events: events)
        }
    }
}
