import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An extend that gives the user their whole video back: only the context
/// the model needs is sent, and the answer's extension is joined onto the
/// input, every one of whose packets is copied.
public struct WholeExtendRequest: Sendable {
    public var input: String
    /// Seconds added, 2 to 20.
    public var duration: Double
    public var edge: ExtendCall.Edge
    /// Seconds of the input sent as context; nil: `ExtendWindow.defaultContext`.
    /// Each is billed with the extension.
    public var context: Double?
    public var prompt: String?
    public var model: String?
    public var delivery: Delivery?
    public var output: String
    /// Keep the API's answer as it came (context and extension), not joined onto the input.
    public var windowOnly: Bool
    public var fixOptions: FixOptions

    public init(input: String, duration: Double, edge: ExtendCall.Edge = .end, context: Double? = nil, prompt: String? = nil,
                model: String? = nil, delivery: Delivery? = nil, output: String, windowOnly: Bool = false, fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.duration = duration
        self.edge = edge
        self.context = context
        self.prompt = prompt
        self.model = model
        self.delivery = delivery
        self.output = output
        self.windowOnly = windowOnly
        self.fixOptions = fixOptions
    }
}

/// What an extend will do, decided once from one probe of the input and one
/// read of the context's packets.
public struct ExtendPlan: Sendable, Codable, Equatable {
    public var call: ExtendCall
    public var estimate: Pricing.Estimate?
    /// The input's video: length, rate, pictures and displayed size.
    public var clipDuration: Double
    public var frameRate: Double
    public var clipFrames: Int
    public var width: Int
    public var height: Int
    /// The input's container: the output is written in it (`OutputName.spliceContainer`).
    public var container: ContainerFormat
    /// Where the input and the extension meet on the output's timeline.
    public var seam: Double
}

public struct ExtendOutcome: Sendable {
    public var plan: ExtendPlan
    /// The call (the dry run's request shape, or what was paid).
    public var generation: GenerationOutcome
    /// Nil on a dry run, with `windowOnly`, and when `alreadyDone`.
    public var splice: SpliceOutcome?
    /// The output already was this extend's result (the journal has its SHA-256).
    public var alreadyDone = false
}

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
    /// then joins the answer's extension onto the input. The answer is kept
    /// beside the output until the join is written.
    public static func run(_ request: WholeExtendRequest, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ExtendOutcome {
        if request.output == request.input || OutputFile.sameFile(request.input, request.output) {
            throw .outputIsInput(output: request.output, input: request.input)
        }
        if !options.dryRun { try OutputFolder.require(request.output) }
        let plan = try await plan(request)
        if request.windowOnly {
            let job = callJob(request, plan, answer: request.output)
            let outcome = try await Generation.run(job, client: client, options: options, approve: approve, events: events)
            return ExtendOutcome(plan: plan, generation: outcome)
        }
        let answer = WholeRetake.answerPath(for: request.output, call: 1)
        let job = callJob(request, plan, answer: answer)
        if !options.dryRun && !options.replaceOutput && OutputFile.exists(request.output) {
            if let done = try await EditPlacement.placedBefore([job], output: request.output, options: options, client: client) {
                return ExtendOutcome(plan: plan, generation: done[0], alreadyDone: true)
            }
            throw .outputExists(request.output)
        }
        var callOptions = options
        // The answer is this command's own file, named for the output.
        callOptions.replaceOutput = true
        let outcome: GenerationOutcome
        do throws(WorkflowError) {
            outcome = try await Generation.run(job, client: client, options: callOptions, approve: approve, events: events)
        } catch { throw error.naming(request.output) }
        if options.dryRun { return ExtendOutcome(plan: plan, generation: outcome) }

        let splice: SpliceOutcome
        do throws(WorkflowError) {
            splice = try await join(plan, answer: answer, request: request, force: options.replaceOutput) { events(.splicing($0)) }
        } catch {
            if case .cancelled = error {
                WholeRetake.discardFetchable([answer], [outcome])
                throw error
            }
            throw .answerKept(error, answer: answer)
        }
        unlink(answer)
        if let journal = options.journal, let fingerprint = outcome.fingerprint {
            let sha = try await PaidCall.sha256(request.output)
            do throws(JournalError) { try await journal.placed(fingerprint, into: request.output, sha256: sha) } catch { throw .journal(error) }
        }
        return ExtendOutcome(plan: plan, generation: outcome, splice: splice)
    }

    /// Joins an extend's answer obtained elsewhere (the web console, another
    /// client, a run whose join failed) onto the input, as `run` would have:
    /// the same plan, nothing sent.
    public static func join(answer: String, for request: WholeExtendRequest, force: Bool = false,
                            progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(WorkflowError) -> SpliceOutcome {
        if request.output == request.input || OutputFile.sameFile(request.input, request.output) {
            throw .outputIsInput(output: request.output, input: request.input)
        }
        try OutputFolder.require(request.output)
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
        try await settings.running(logger: logger, check: { estimate throws(WorkflowError) in
            try settings.checkCost(estimate, summary: "this extend", provider: .ltx)
        }, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(request, client: client, options: options, approve: approve, events: events)
        }
    }
}
