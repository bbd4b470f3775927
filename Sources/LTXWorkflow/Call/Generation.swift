import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// One paid generation described end to end: the files it sends, how each
/// is checked and delivered, the body that carries them, and its price.
public struct GenerationJob: Sendable {
    public struct Input: Sendable {
        public var path: String
        public var check: CheckRequest
        /// `url` delivery sends `url`; `dataURI` streams the file into the body.
        public var delivery: Delivery
        public var url: String?

        public init(path: String, check: CheckRequest, delivery: Delivery, url: String? = nil) {
            self.path = path
            self.check = check
            self.delivery = delivery
            self.url = url
        }
    }

    public var provider: Provider
    public var inputs: [Input]
    /// Where the result goes; temporary fixed inputs are written beside it.
    public var output: String
    public var fixOptions: FixOptions
    /// The body, from each input's URI (in order) and what was sent.
    public var makeRequest: @Sendable (_ uris: [String], _ sent: [PreparedInput]) -> GenerationRequest
    /// The documented price of the call, from what is sent.
    public var estimate: @Sendable (_ sent: [PreparedInput]) -> Pricing.Estimate?

    public init(provider: Provider = .ltx, inputs: [Input], output: String, fixOptions: FixOptions = FixOptions(),
                makeRequest: @escaping @Sendable ([String], [PreparedInput]) -> GenerationRequest,
                estimate: @escaping @Sendable ([PreparedInput]) -> Pricing.Estimate?) {
        self.provider = provider
        self.inputs = inputs
        self.output = output
        self.fixOptions = fixOptions
        self.makeRequest = makeRequest
        self.estimate = estimate
    }
}

/// What a generation did.
public struct GenerationOutcome: Sendable {
    /// The body as sent (a streamed data URI shows as `InlineFile.marker`).
    public var request: GenerationRequest
    public var estimate: Pricing.Estimate?
    /// The fix of each input, in order (nil where the input conformed).
    public var fixes: [FixOutcome?]
    /// Nil on a dry run.
    public var generated: Generated?
}

/// Check, fix, estimate, approve, deliver, generate, download: the steps of
/// every API command, for any Swift program.
///
/// ```swift
/// let outcome = try await Generation.run(.retake(input: "clip.mov", section: RetakeSection(start: 12, duration: 4),
///                                                prompt: "the cup falls", output: "out.mp4"), client: client)
/// ```
public enum Generation {
    /// Runs `job`. `approve` sees the estimate before anything is paid and
    /// throws to stop; with `dryRun` nothing is sent (no upload either).
    /// Cancelling the calling task stops the work and removes temporary files.
    public static func run(_ job: GenerationJob, client: LTXAPIClient, dryRun: Bool = false,
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> GenerationOutcome {
        var prepared: [PreparedInput] = []
        defer { for p in prepared { p.discard() } }
        for input in job.inputs {
            prepared.append(try await PreparedInput.prepare(input.path, input.check, beside: job.output, options: job.fixOptions,
                                                            events: events))
        }
        let estimate = job.estimate(prepared)
        events(.estimated(estimate))
        try await approve(estimate)
        let fixes = prepared.map(\.fix)
        if dryRun {
            let uris = job.inputs.map { input -> String in
                switch input.delivery {
                case .upload: "ltx://uploads/<after upload>"
                case .dataURI: InlineFile.marker
                case .url: input.url ?? "<--url>"
                }
            }
            return GenerationOutcome(request: job.makeRequest(uris, prepared), estimate: estimate, fixes: fixes)
        }

        var uris: [String] = []
        var inline: InlineFile?
        for (input, file) in zip(job.inputs, prepared) {
            if input.delivery == .dataURI && inline != nil {
                // One file streams into the body; a second (an image) goes whole.
                uris.append(try file.dataURI())
                continue
            }
            let uri = try await file.deliver(input.delivery, url: input.url, client: client, events: events)
            if uri == InlineFile.marker { inline = InlineFile(path: file.path, mimeType: file.mimeType) }
            uris.append(uri)
        }
        let request = job.makeRequest(uris, prepared)
        events(.waiting)
        do throws(ClientError) {
            let generated = try await client.generate(request, inline: inline, to: job.output) { received, total in
                events(.downloading(received: received, total: total))
            }
            return GenerationOutcome(request: request, estimate: estimate, fixes: fixes, generated: generated)
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .client(error)
        }
    }

    /// `run`, with its events as an `AsyncStream` and its outcome as a task
    /// to await or cancel.
    public static func start(_ job: GenerationJob, client: LTXAPIClient, dryRun: Bool = false)
        -> (events: AsyncStream<WorkflowEvent>, outcome: Task<GenerationOutcome, any Error>) {
        let (stream, continuation) = AsyncStream<WorkflowEvent>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let task = Task { () async throws -> GenerationOutcome in
            defer { continuation.finish() }
            return try await run(job, client: client, dryRun: dryRun, events: { continuation.yield($0) })
        }
        return (stream, task)
    }
}

/// The four documented endpoints as jobs.
extension GenerationJob {
    /// A retake of `section`. A clip over 21 s is cut to a window around the
    /// section first (the request's `start_time` then counts in the window).
    public static func retake(input: String, section: RetakeSection, prompt: String? = nil, mode: RetakeMode? = nil,
                              model: String? = nil, provider: Provider = .ltx, delivery: Delivery? = nil, url: String? = nil,
                              output: String, fixOptions: FixOptions = FixOptions()) -> GenerationJob {
        let delivery = delivery ?? (provider == .segmind ? .dataURI : .upload)
        let check = CheckRequest(endpoint: .retake, section: section, delivery: delivery, prompt: prompt)
        return GenerationJob(provider: provider, inputs: [Input(path: input, check: check, delivery: delivery, url: url)], output: output,
                             fixOptions: fixOptions) { uris, sent in
            let start = sent.first?.fix?.window?.sectionStart ?? section.start
            if provider == .segmind {
                return .segmindRetake(SegmindRetakeRequest(videoUri: uris[0], startTime: start, duration: section.duration,
                                                           prompt: prompt, mode: mode))
            }
            return .retake(RetakeRequest(videoUri: uris[0], prompt: prompt, startTime: start, duration: section.duration, mode: mode,
                                         model: model))
        } estimate: { sent in
            let media = sent.first?.report.media
            return Pricing.estimate(endpoint: .retake, provider: provider, seconds: media?.primaryVideo?.duration ?? media?.duration ?? 0)
        }
    }

    public static func textToVideo(_ body: TextToVideoRequest, output: String) -> GenerationJob {
        GenerationJob(inputs: [], output: output) { _, _ in .textToVideo(body) } estimate: { _ in
            Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: body.model, resolution: body.resolution,
                             seconds: Double(body.duration))
        }
    }

    /// `body.imageUri` is replaced by the delivered image's URI.
    public static func imageToVideo(image: String, _ body: ImageToVideoRequest, delivery: Delivery = .upload, url: String? = nil,
                                    output: String) -> GenerationJob {
        let check = CheckRequest(endpoint: .imageToVideo, delivery: delivery)
        return GenerationJob(inputs: [Input(path: image, check: check, delivery: delivery, url: url)], output: output) { uris, _ in
            var body = body
            body.imageUri = uris[0]
            return .imageToVideo(body)
        } estimate: { _ in
            Pricing.estimate(endpoint: .imageToVideo, provider: .ltx, model: body.model, resolution: body.resolution,
                             seconds: Double(body.duration))
        }
    }

    /// The audio streams when delivered as a data URI; the image, if any,
    /// then goes whole. `body`'s URIs are replaced by the delivered ones.
    public static func audioToVideo(audio: String, image: String?, _ body: AudioToVideoRequest, delivery: Delivery = .upload,
                                    output: String) -> GenerationJob {
        let check = CheckRequest(endpoint: .audioToVideo, delivery: delivery)
        var inputs = [Input(path: audio, check: check, delivery: delivery)]
        if let image { inputs.append(Input(path: image, check: check, delivery: delivery)) }
        return GenerationJob(inputs: inputs, output: output) { uris, _ in
            var body = body
            body.audioUri = uris[0]
            body.imageUri = uris.count > 1 ? uris[1] : nil
            return .audioToVideo(body)
        } estimate: { sent in
            let media = sent.first?.report.media
            return Pricing.estimate(endpoint: .audioToVideo, provider: .ltx,
                                    seconds: media?.primaryAudio?.duration ?? media?.duration ?? 0)
        }
    }
}
