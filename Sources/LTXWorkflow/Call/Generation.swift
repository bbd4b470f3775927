import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a generation is sent.
public struct GenerationOptions: Sendable {
    /// Check, fix, estimate and build the request; send nothing.
    public var dryRun: Bool
    /// Where every paid request is recorded before it leaves. Nil sends
    /// unjournaled (a library caller's choice; the CLI always journals).
    public var journal: Journal?
    /// Send again what the journal says was sent with no result seen.
    public var again: Bool
    /// How often a v2 job is polled (the docs ask for 5 s).
    public var pollInterval: Duration
    /// Replace an existing output with a new result (a result the journal
    /// already holds is recognised by its SHA-256 either way).
    public var replaceOutput: Bool

    public init(dryRun: Bool = false, journal: Journal? = nil, again: Bool = false,
                pollInterval: Duration = .seconds(5), replaceOutput: Bool = false) {
        self.replaceOutput = replaceOutput
        self.dryRun = dryRun
        self.journal = journal
        self.again = again
        self.pollInterval = pollInterval
    }
}

/// What a generation did.
public struct GenerationOutcome: Sendable {
    /// The body as sent (a streamed data URI shows as `InlineFile.marker`);
    /// nil when a journaled request was resumed rather than sent.
    public var request: GenerationRequest?
    public var estimate: Pricing.Estimate?
    /// The fix of each input, in order (nil where the input conformed).
    public var fixes: [FixOutcome?]
    /// Nil on a dry run.
    public var generated: Generated?
    /// The v2 job, when one was used.
    public var jobID: String?
    /// What the journal made of a rerun: nil for a new request.
    public var resumed: Resumption?
    /// The part of the (first) input the file sent was, on the input's
    /// timeline: where its answer belongs. From the fix when it was sent
    /// this run, from the journal when resumed; nil where there was no
    /// input, or the journal's entry predates its recording (unknown).
    public var sentWindow: SentWindowSpan?
    /// The route the request went to, or on a dry run would go to
    /// (`/v2/retake`, `/v1/ltx-retake-video`...); nil when resumed.
    public var route: String?
    /// The journal's key for the request; nil when unjournaled.
    public var fingerprint: String?

    public enum Resumption: String, Sendable, Codable {
        /// The result was already on disk, unchanged: nothing was paid.
        case alreadyDownloaded = "already-downloaded"
        /// The job was still running: polled again, not resubmitted.
        case polled
        /// The job had finished: its result was fetched again.
        case downloadedAgain = "downloaded-again"
    }
}

/// Check, fix, estimate, approve, deliver, generate, download: the steps of
/// every API command, for any Swift program, with the journal deciding
/// what a rerun pays for.
public enum Generation {
    /// Runs `job`. `approve` sees the estimate before anything is paid and
    /// throws to stop. Cancelling the calling task stops the work and removes
    /// temporary files; a submitted job stays in the journal, to resume.
    public static func run(_ job: GenerationJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> GenerationOutcome {
        // The request's own parameters first, against the catalogue: a removed
        // model or a cell outside the matrix is refused before any file is
        // checked, fixed or uploaded, on a dry run too.
        if let line = RequestCheck.refusal(job.makeRequest(job.inputs.map { _ in "" }, [])) { throw .modelRefused(line) }
        // Every step's retries (upload, call, polls, download) become events.
        let client = client.reportingRetries { events(.retrying($0)) }
        if !options.dryRun {
            try OutputFolder.require(job.output)
            // Any spelling of an input's path (device and inode): the input is never written.
            for input in job.inputs where input.path == job.output || OutputFile.sameFile(input.path, job.output) {
                throw .outputIsInput(output: job.output, input: input.path)
            }
        }
        var identity: RequestIdentity?
        if let journal = options.journal, !options.dryRun {
            let id = try await RequestIdentity.make(job, baseURL: client.configuration.baseURL.string)
            identity = id
            if let entry = try await read(journal, id.fingerprint),
               let outcome = try await PaidCall(job, client: client, options: options, fingerprint: id.fingerprint, events: events).resume(entry) {
                return outcome
            }
        }

        if !options.dryRun && !options.replaceOutput && OutputFile.exists(job.output) {
            throw .outputExists(job.output)
        }
        var prepared: [PreparedInput] = []
        defer { for p in prepared { p.discard() } }
        for input in job.inputs {
            prepared.append(try await PreparedInput.prepare(input.path, input.check, beside: job.output, options: job.fixOptions,
                                                            deliveryCanChange: job.provider.takesUpload, events: events))
        }
        let estimate = job.estimate(prepared)
        events(.estimated(estimate))
        try await approve(estimate)
        let fixes = prepared.map(\.fix)
        if options.dryRun {
            let uris = job.inputs.map { input -> String in
                switch input.delivery {
                case .upload: "ltx://uploads/<after upload>"
                case .dataURI: InlineFile.marker
                case .url: input.url ?? "<the URL>"
                }
            }
            let request = job.makeRequest(uris, prepared)
            let streams = job.inputs.contains { $0.delivery == .dataURI }
            let route = PaidCall(job, client: client, options: options, fingerprint: "", events: events).route(request, streaming: streams)
            return GenerationOutcome(request: request, estimate: estimate, fixes: fixes, route: route)
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
        let sentWindow = prepared.first.map(\.sentWindow)

        let call = PaidCall(job, client: client, options: options, fingerprint: identity?.fingerprint ?? "", events: events)
        if let journal = options.journal, let identity {
            let entry = JournalEntry(fingerprint: identity.fingerprint, provider: job.provider.rawValue,
                                     baseURL: client.configuration.baseURL.string, endpoint: call.route(request, streaming: inline != nil),
                                     request: identity.request,
                                     inputs: identity.inputs, output: job.output, estimatedCost: estimate?.dollars, sentWindow: sentWindow,
                                     owner: RequestOwner.current.description)
            // `rejected` entries (not billed) are claimed again without --again.
            let claimed: Bool
            do throws(JournalError) { claimed = try await journal.claim(entry, replacing: options.again) } catch { throw .journal(error) }
            if !claimed {
                // Another run took it between our look and our claim: follow that one.
                if let standing = try await read(journal, identity.fingerprint), let outcome = try await call.resume(standing) { return outcome }
                throw .sendingElsewhere
            }
        }
        var outcome = try await call.send(request, inline: inline)
        outcome.estimate = estimate
        outcome.fixes = fixes
        outcome.sentWindow = sentWindow
        outcome.route = call.route(request, streaming: inline != nil)
        outcome.fingerprint = identity?.fingerprint
        return outcome
    }

    static func read(_ journal: Journal, _ fingerprint: String) async throws(WorkflowError) -> JournalEntry? {
        do throws(JournalError) { return try await journal.entry(fingerprint) } catch { throw .journal(error) }
    }

    /// `run`, with its events as an `AsyncStream` and its outcome as a task
    /// to await or cancel.
    public static func start(_ job: GenerationJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions())
        -> (events: AsyncStream<WorkflowEvent>, outcome: Task<GenerationOutcome, any Error>) {
        let (stream, continuation) = AsyncStream<WorkflowEvent>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let task = Task { () async throws -> GenerationOutcome in
            defer { continuation.finish() }
            return try await run(job, client: client, options: options, events: { continuation.yield($0) })
        }
        return (stream, task)
    }
}
