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

/// A retake that gives the user their whole video back: each section sent
/// with a little context, each answer spliced into the original.
public struct WholeRetakeRequest: Sendable {
    public var input: String
    /// On the input's timeline; several make several calls unless their
    /// windows overlap or touch.
    public var sections: [TimeWindow]
    /// Seconds sent on each side of a section (each costs $0.10 with LTX).
    public var context: Double
    public var prompt: String?
    public var mode: RetakeMode?
    public var model: String?
    /// The answer's size (LTX): 1920x1080 or 1080x1920; nil lets the API pick by
    /// the input's orientation. The splice scales the answer back either way.
    public var resolution: RetakeResolution?
    public var provider: Provider
    public var delivery: Delivery?
    public var url: String?
    public var output: String
    public var fixOptions: FixOptions

    public init(input: String, sections: [TimeWindow], context: Double = 2, prompt: String? = nil, mode: RetakeMode? = nil,
                model: String? = nil, resolution: RetakeResolution? = nil, provider: Provider = .ltx, delivery: Delivery? = nil,
                url: String? = nil, output: String, fixOptions: FixOptions = FixOptions()) {
        self.resolution = resolution
        self.input = input
        self.sections = sections
        self.context = context
        self.prompt = prompt
        self.mode = mode
        self.model = model
        self.provider = provider
        self.delivery = delivery
        self.url = url
        self.output = output
        self.fixOptions = fixOptions
    }
}

extension WholeRetakeRequest {
    /// Why `provider` cannot take a retake delivered so, or naming a model:
    /// Segmind takes a data URI or an https URL, and no model. Nil when it can.
    public static func refusal(provider: Provider, delivery: Delivery?, model: String?, resolution: RetakeResolution? = nil) -> WorkflowError? {
        if !provider.takesUpload && delivery == .upload { return .providerTakesNoUpload(provider) }
        if provider == .segmind && model != nil { return .providerTakesNoModel(provider) }
        if provider == .segmind && resolution != nil { return .providerTakesNoResolution(provider) }
        // A removed model, or one retake does not take, is refused before the input is read.
        if provider == .ltx, let model, let line = GenerationRules.modelRefusal(model, for: .retake) { return .modelRefused(line) }
        return nil
    }

    /// `refusal(provider:delivery:model:)` of this request.
    public var refusal: WorkflowError? { Self.refusal(provider: provider, delivery: delivery, model: model, resolution: resolution) }
}

/// `ltx-prep retake --window-only`: the first section's call as the whole
/// retake makes it (the same planned window, the same price), its answer
/// written to the output as it came, with no splice.
public struct WindowOnlyRetake: Sendable {
    public var job: GenerationJob
    public var call: RetakeCall
    /// The input's frame rate, which counts where the section starts in the window.
    public var frameRate: Double

    /// Where `outcome`'s answer sits in the input, and where the section starts in it.
    public func window(of outcome: GenerationOutcome) -> FixOutcome.WindowMapping? {
        outcome.window(sectionStart: call.section.start, frameRate: frameRate)
    }
}

public struct RetakeOutcome: Sendable {
    public var calls: [RetakeCall]
    /// The sum of every call's documented price, shown before any was paid.
    public var estimate: Pricing.Estimate?
    /// One per call, in order (the dry run's request shapes, or what was paid).
    public var generations: [GenerationOutcome]
    /// Nil on a dry run, and when `alreadyDone`.
    public var splice: SpliceOutcome?
    /// The output already was this retake's result, put back by an earlier
    /// run (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone: Bool = false
    /// One per call, in order: the window as sent; nil where the whole input
    /// went as it was or the journal answered the call (nothing was sent).
    public var sent: [SentWindow?] { generations.map { ($0.fixes.first ?? nil).flatMap(SentWindow.init) } }
}

/// What a whole-video retake will do, decided once from one probe of the
/// input and one read of each window's packets: every call's window (on a
/// keyframe or cut exactly), its frames and price. The fixes, the requests,
/// the journal's fingerprints and the splice are derived from it.
public struct WholeRetakePlan: Sendable {
    public var calls: [RetakeCall]
    /// The sum of the calls' prices; nil where the provider documents none.
    public var estimate: Pricing.Estimate?
    /// The input's video, in seconds, and its frame rate.
    public var clipDuration: Double
    public var frameRate: Double
}

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
    /// answer into one output. Answers are kept beside the output until the
    /// splice is written; if it fails they stay, to splice again by hand.
    public static func run(_ request: WholeRetakeRequest, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> RetakeOutcome {
        if request.output == request.input || OutputFile.sameFile(request.input, request.output) {
            throw .outputIsInput(output: request.output, input: request.input)
        }
        if !options.dryRun { try OutputFolder.require(request.output) }
        let planned = try await plan(request)
        let (calls, estimate, duration, frameRate) = (planned.calls, planned.estimate, planned.clipDuration, planned.frameRate)
        if !options.dryRun && !options.replaceOutput && OutputFile.exists(request.output) {
            // A rerun of a retake already put back: nothing to pay, nothing to write.
            if let done = try await placedBefore(request, planned, options: options, client: client) {
                return RetakeOutcome(calls: calls, estimate: estimate, generations: done, splice: nil, alreadyDone: true)
            }
            throw .outputExists(request.output)
        }
        events(.estimated(estimate))
        try await approve(estimate)

        var generations: [GenerationOutcome] = []
        var pieces: [SpliceJob.Piece] = []
        var answers: [String] = []
        var callOptions = options
        // The answers are this command's own files, named for the output.
        callOptions.replaceOutput = true
        for (i, call) in calls.enumerated() {
            let answer = answerPath(for: request.output, call: i + 1)
            let job = callJob(request, call, answer: answer, clipDuration: duration, frameRate: frameRate)
            events(.retakeCall(index: i + 1, count: calls.count, call))
            // The total was shown and approved once above; each call's own estimate would repeat it.
            let outcome: GenerationOutcome
            do throws(WorkflowError) {
                outcome = try await Generation.run(job, client: client, options: callOptions, events: { event in
                    if case .estimated = event { return }
                    events(event)
                })
            } catch {
                if case .cancelled = error { discardFetchable(answers, generations) }
                throw error.naming(request.output)
            }
            generations.append(outcome)
            guard !options.dryRun else { continue }
            answers.append(answer)
            // Where the answer starts in the input: the window as it was sent, which the
            // journal recorded for a resumed call; never planned again from this run's options.
            guard let sent = outcome.sentWindow else {
                throw .sentBefore(.windowUnknown(input: request.input, call: i + 1, answer: answer))
            }
            pieces += call.sections.map { SpliceJob.Piece(answer: answer, answerStart: sent.inputStart, section: $0) }
        }
        if options.dryRun { return RetakeOutcome(calls: calls, estimate: estimate, generations: generations, splice: nil) }

        let splice: SpliceOutcome
        do throws(WorkflowError) {
            splice = try await Splicer.splice(SpliceRequest(original: request.input, pieces: pieces, mode: request.mode ?? .replaceAudioAndVideo,
                                                            output: request.output, force: options.replaceOutput)) { progress in
                events(.splicing(progress))
            }
        } catch {
            if case .cancelled = error {
                discardFetchable(answers, generations)
                throw error
            }
            throw .answersKept(error, input: request.input, pieces: pieces)
        }
        for answer in answers { unlink(answer) }
        if let journal = options.journal {
            // Which file each paid result went into, so that `jobs` names it and a rerun knows it is done.
            let sha = try await PaidCall.sha256(request.output)
            for fingerprint in generations.compactMap(\.fingerprint) {
                do throws(JournalError) { try await journal.placed(fingerprint, into: request.output, sha256: sha) } catch { throw .journal(error) }
            }
        }
        return RetakeOutcome(calls: calls, estimate: estimate, generations: generations, splice: splice)
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

    /// When the journal says every call of this retake was put back into
    /// the output as it is now (same SHA-256), their outcomes; else nil.
    static func placedBefore(_ request: WholeRetakeRequest, _ planned: WholeRetakePlan, options: GenerationOptions,
                             client: LTXAPIClient) async throws(WorkflowError) -> [GenerationOutcome]? {
        let jobs = planned.calls.enumerated().map { i, call in
            callJob(request, call, answer: answerPath(for: request.output, call: i + 1), clipDuration: planned.clipDuration, frameRate: planned.frameRate)
        }
        return try await EditPlacement.placedBefore(jobs, output: request.output, options: options, client: client)
    }

    /// On an interruption, the answers fetched this run from a v2 job are
    /// removed: its result stays 24 hours and the journal has its URL, so a
    /// rerun fetches it again without paying. A synchronous call's answer has
    /// no URL, and one found on disk may be older than 24 hours: those stay
    /// beside the output, where the rerun finds them.
    static func discardFetchable(_ answers: [String], _ generations: [GenerationOutcome]) {
        for (answer, outcome) in zip(answers, generations) where outcome.jobID != nil && outcome.resumed != .alreadyDownloaded {
            unlink(answer)
        }
    }

    /// A hidden file beside the output, the same on every run so that a rerun
    /// finds what the journal says was downloaded.
    static func answerPath(for output: String, call: Int) -> String {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[...$0]) } ?? ""
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return "\(folder).\(name).answer-\(call).mp4"
    }
}

extension WholeRetake {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied to the total before `confirm` is asked; the journal is closed after.
    public static func run(_ request: WholeRetakeRequest, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> RetakeOutcome {
        try await settings.running(logger: logger, check: { estimate throws(WorkflowError) in
            try settings.checkCost(estimate, summary: "this retake", provider: request.provider)
        }, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(request, client: client, options: options, approve: approve, events: events)
        }
    }
}
