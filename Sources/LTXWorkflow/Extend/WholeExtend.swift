import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight
import Logging

public enum WholeExtend {
    /// The plan; a removed model or a length the API does not add is refused
    /// before the input is read.
    public static func plan(_ request: WholeExtendRequest) async throws(WorkflowError) -> ExtendPlan {
        if let model = request.model, let line = GenerationRules.modelRefusal(model, for: .extend) { throw .modelRefused(line) }
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(request.input) } catch { throw .unreadable(error) }
        let video = try media.video(for: .extend)
        if !request.windowOnly,
           let why = SpliceWriter.refusal(for: OutputName.spliceContainer(original: media.container, output: request.output)) {
            throw .cannotExtend(path: request.input, reason: why)
        }
        let duration = video.duration ?? media.duration ?? 0
        let fps = video.frameRate ?? Double(video.frameCount) / max(duration, 0.001)
        let wanted: TimeWindow
        switch ExtendWindow.wanted(edge: request.edge, added: request.duration, context: request.context, clipDuration: duration, frameRate: fps) {
        case .success(let w): wanted = w
        case .failure(let e): throw .noExtendWindow(path: request.input, e)
        }
        let cut: WindowCut?
        do throws(MediaError) {
            cut = try await BlockingExecutor.run { () throws(MediaError) in
                try MediaProbe.windowCut(from: wanted.start, to: wanted.end, in: request.input)
            }
        } catch { throw .unreadable(error) }
        // The API takes 16:9 or 9:16: anything else is padded, on the picture as stored.
        let canvas = Canvas.padding(width: video.codedWidth, height: video.codedHeight, to: Catalogue.Extend.aspects)
        let call = ExtendWindow.settle(wanted, edge: request.edge, added: request.duration, cut: cut, copyable: ["h264", "hevc"].contains(video.codec),
                                       canvas: canvas, clipDuration: duration, frameRate: fps)
        // The answer is as large as the context sent (padded or not), and priced by its tier.
        let sentTier = Catalogue.tier(width: canvas?.width ?? video.codedWidth, height: canvas?.height ?? video.codedHeight)
        let estimate = sentTier.flatMap {
            Pricing.estimate(endpoint: .extend, provider: .ltx, model: request.model, resolution: $0.landscape, seconds: call.billedSeconds)
        }
        let added = Double(call.addedFrames) / fps
        return ExtendPlan(call: call, estimate: estimate, clipDuration: duration, frameRate: fps, clipFrames: video.frameCount,
                          width: video.codedWidth, height: video.codedHeight, container: media.container, seam: request.edge == .end ? duration : added)
    }

    /// The paid call that sends `plan`'s context, its answer written to `answer`.
    public static func callJob(_ request: WholeExtendRequest, _ plan: ExtendPlan, answer: String) -> GenerationJob {
        var fix = request.fixOptions
        let sent = plan.call.sent(clipDuration: plan.clipDuration, frameRate: plan.frameRate)
        // Nothing to cut or pad: the clip goes as it is, as any conforming input does.
        fix.window = sent.cuts || sent.canvas != nil ? sent : nil
        let delivery = request.delivery ?? .upload
        let check = CheckRequest(endpoint: .extend, delivery: delivery, prompt: request.prompt)
        let (edge, added, prompt, model) = (plan.call.edge, request.duration, request.prompt, request.model)
        var job = GenerationJob(endpoint: .extend, inputs: [GenerationJob.Input(path: request.input, check: check, delivery: delivery)],
                                output: answer, fixOptions: fix) { uris, _ in
            // No `context`: the API's default is all the file sent (it holds fewer than 505 frames with the extension).
            .extend(ExtendRequest(videoUri: uris[0], duration: added, prompt: prompt, mode: edge == .end ? .end : .start, model: model))
        } estimate: { _ in nil }
        // The call's price as planned from its frames: the journal records the same figure.
        let estimate = plan.estimate
        job.estimate = { _ in estimate }
        return job
    }

    /// Plans, asks `approve` with the price, sends the context (journaled),
    /// then joins the answer's extension onto the input, through the edit's
    /// lifecycle (`PaidEdit`).
    public static func run(_ request: WholeExtendRequest, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ExtendOutcome {
        let edit = PaidEdit(input: request.input, output: request.output)
        try edit.checkOutput(dryRun: options.dryRun)
        let plan = try await plan(request)
        if request.windowOnly {
            let job = callJob(request, plan, answer: request.output)
            let outcome = try await Generation.run(job, client: client, options: options, approve: approve, events: events)
            return ExtendOutcome(plan: plan, generation: outcome)
        }
        let answer = edit.answerPath(call: 1)
        let job = callJob(request, plan, answer: answer)
        let ran = try await edit.run([job], approval: .eachCall, client: client, options: options, approve: approve,
                                     events: events) { _ throws(WorkflowError) in
            try await join(plan, answer: answer, request: request, force: options.replaceOutput) { events(.splicing($0)) }
        }
        switch ran {
        case .placedBefore(let done): return ExtendOutcome(plan: plan, generation: done[0], alreadyDone: true)
        case .dryRun(let shapes): return ExtendOutcome(plan: plan, generation: shapes[0])
        case .placed(let paid, let splice): return ExtendOutcome(plan: plan, generation: paid[0], splice: splice)
        }
    }

    /// Joins an extend's answer obtained elsewhere (the web console, another
    /// client, a run whose join failed) onto the input, as `run` would have:
    /// the same plan, nothing sent.
    public static func join(answer: String, for request: WholeExtendRequest, force: Bool = false,
                            progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(WorkflowError) -> SpliceOutcome {
        try PaidEdit(input: request.input, output: request.output).checkOutput(dryRun: false)
        let planned = try await plan(request)
        return try await join(planned, answer: answer, request: request, force: force, progress: progress)
    }

    /// The input with `answer`'s extension joined at its edge, written beside
    /// the output and renamed once it reads back with every picture.
    static func join(_ plan: ExtendPlan, answer: String, request: WholeExtendRequest, force: Bool,
                     progress: @escaping @Sendable (TranscodeProgress) -> Void) async throws(WorkflowError) -> SpliceOutcome {
        // The input was probed by the plan; only the answer is read here.
        let answered: MediaInfo
        do throws(MediaError) { answered = try await MediaProbe.probe(answer) } catch { throw .unreadable(error) }
        let added = Double(plan.call.addedFrames) / plan.frameRate
        try AnswerCoverage.checkExtension(answered, answer: answer, added: added, frames: plan.call.addedFrames)
        // The extension is the answer's last seconds (after the context, and any
        // padding the API was sent) or its first.
        let answerLength = answered.primaryVideo?.duration ?? answered.duration ?? 0
        let answerStart = plan.call.edge == .end ? max(0, answerLength - added) : 0
        let extension_ = SpliceJob.Extension(answer: answer, edge: plan.call.edge, frames: plan.call.addedFrames, answerStart: answerStart,
                                             crop: plan.call.crop(width: plan.width, height: plan.height))
        if OutputFile.exists(request.output) && !force { throw .outputExists(request.output) }
        let file = OutputFile(path: request.output)
        let job = SpliceJob(original: request.input, output: file.temporary,
                            container: OutputName.spliceContainer(original: plan.container, output: request.output), extension: extension_)
        let (result, out) = try await Splicer.write(job, into: file, original: request.input, frames: plan.clipFrames + plan.call.addedFrames,
                                                    file: "extended file", whose: "", width: plan.width, height: plan.height,
                                                    progress: progress) { .joinFailed(path: request.input, $0) }
        return SpliceOutcome(original: request.input, output: request.output, mode: .replaceAudioAndVideo, pieces: [], result: result,
                             frames: out.frameCount, width: out.codedWidth, height: out.codedHeight, rotation: out.rotation)
    }
}

extension WholeExtend {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied before `confirm` is asked; the journal is closed after.
    public static func run(_ request: WholeExtendRequest, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ExtendOutcome {
        try await settings.running("this extend", provider: .ltx, logger: logger, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(request, client: client, options: options, approve: approve, events: events)
        }
    }
}
