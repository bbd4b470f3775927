import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One paid request after it is built: sent synchronously (Segmind) or
/// as a v2 job (submit, poll, download), each step written to the journal as
/// it happens; or, on a rerun, taken up where the journal says it stopped.
struct PaidCall: Sendable {
    let endpoint: Endpoint
    let provider: Provider
    /// Where the result goes.
    let output: String
    let client: LTXAPIClient
    let options: GenerationOptions
    /// Nil: unjournaled.
    var journal: Journal? { options.journal }
    let fingerprint: String
    let events: @Sendable (WorkflowEvent) -> Void

    init(endpoint: Endpoint, provider: Provider, output: String, client: LTXAPIClient, options: GenerationOptions, fingerprint: String,
         events: @escaping @Sendable (WorkflowEvent) -> Void) {
        self.endpoint = endpoint
        self.provider = provider
        self.output = output
        self.client = client
        self.options = options
        self.fingerprint = fingerprint
        self.events = events
    }

    init(_ job: GenerationJob, client: LTXAPIClient, options: GenerationOptions, fingerprint: String,
         events: @escaping @Sendable (WorkflowEvent) -> Void) {
        self.init(endpoint: job.endpoint, provider: job.provider, output: job.output, client: client, options: options,
                  fingerprint: fingerprint, events: events)
    }

    /// Results stay fetchable this long after the job ends (NOTES.md).
    static let retention: Double = 24 * 3600

    /// LTX generates only through v2 jobs since its sync v1 routes were
    /// retired after 2026-10-26 (`Catalogue.syncRetired`); Segmind's retake is synchronous.
    var usesJobs: Bool { provider == .ltx }

    /// Where `request` goes: a v2 job for LTX (a data URI streams into its body too).
    func route(_ request: GenerationRequest, streaming: Bool) -> String { request.route(asJob: usesJobs) }

    // MARK: sending

    func send(_ request: GenerationRequest, inline: InlineFile?) async throws(WorkflowError) -> GenerationOutcome {
        if usesJobs {
            let submitted: LTXAPIClient.Submitted
            do throws(ClientError) { submitted = try await client.submit(request, inline: inline) } catch { throw try await failedBeforeAnswer(error) }
            let accepted = submitted.job
            try await note { j throws(JournalError) in try await j.accepted(fingerprint, jobID: accepted.id) }
            events(.submitted(jobID: accepted.id))
            var outcome = try await follow(accepted.id)
            outcome.request = request
            // The call's own x-request-id, the one to quote to support (the result's download has its own).
            outcome.generated?.requestID = submitted.requestID
            return outcome
        }
        // Segmind: one connection holds the whole generation.
        events(.waiting)
        let generated: Generated
        do throws(ClientError) {
            generated = try await client.generate(request, inline: inline, to: output, check: Self.isVideo) { received, total in
                events(.downloading(received: received, total: total))
            }
        } catch {
            if case .writeFailed(let path, let err, let reason) = error {
                // Paid, and no URL to fetch it from again.
                throw .resultNotWritten(path: path, errno: err, reason: reason, refetchable: false)
            }
            throw try await failedBeforeAnswer(error)
        }
        try await recordDownload(generated.output)
        return GenerationOutcome(request: request, estimate: nil, fixes: [], generated: generated)
    }

    /// A call that ended in an error: an API error answered before acceptance
    /// billed nothing (the journal says `rejected`, a rerun sends again); a
    /// cut connection may have been billed (the entry stays `submitting`).
    private func failedBeforeAnswer(_ error: ClientError) async throws(WorkflowError) -> WorkflowError {
        switch error {
        case .api(let e, _, _):
            try await note { j throws(JournalError) in try await j.rejected(fingerprint, error: e.description) }
        case .cancelled:
            return .cancelled
        default:
            break
        }
        return .client(error)
    }

    /// Polls job `id` until it ends, then downloads its result.
    func follow(_ id: String) async throws(WorkflowError) -> GenerationOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        while true {
            let job: Job
            do throws(ClientError) { job = try await client.job(endpoint, id: id) } catch {
                if case .api(let e, _, _) = error, e.status == 404 {
                    try await note { j throws(JournalError) in try await j.expired(fingerprint) }
                    throw .jobFailed("job \(id) does not exist or has expired (results are kept 24 hours); nothing was written")
                }
                if case .cancelled = error { throw .cancelled }
                throw .client(error)
            }
            switch job.status {
            case .completed?:
                guard let url = job.result?.answerURL(for: endpoint) else { throw .jobFailed("job \(id) completed without a result URL") }
                try await note { j throws(JournalError) in try await j.completed(fingerprint, resultURL: url) }
                return try await fetch(url, jobID: id)
            case .failed?:
                let why = job.error.map { "\($0._type): \($0.message)" } ?? "no reason given"
                try await note { j throws(JournalError) in try await j.failed(fingerprint, error: why) }
                throw .jobFailed("job \(id) failed: \(why)")
            case .pending?, .processing?, nil:
                events(.polling(jobID: id, status: job.status?.rawValue ?? "pending", elapsed: clock.now - started))
                do { try await Task.sleep(for: options.pollInterval) } catch { throw .cancelled }
            }
        }
    }

    private func fetch(_ url: String, jobID: String?) async throws(WorkflowError) -> GenerationOutcome {
        let generated: Generated
        do throws(ClientError) {
            generated = try await client.download(resultURL: url, to: output, check: Self.check(endpoint)) { received, total in
                events(.downloading(received: received, total: total))
            }
        } catch {
            switch error {
            case .cancelled: throw .cancelled
            case .writeFailed(let path, let err, let reason):
                // The journal says `completed` with the result's URL: the rerun fetches it.
                throw .resultNotWritten(path: path, errno: err, reason: reason, refetchable: journal != nil)
            default: throw .client(error)
            }
        }
        try await recordDownload(generated.output)
        return GenerationOutcome(request: nil, estimate: nil, fixes: [], generated: generated, jobID: jobID)
    }

    private func recordDownload(_ output: String) async throws(WorkflowError) {
        guard journal != nil else { return }
        let sha = try await Self.sha256(output)
        try await note { j throws(JournalError) in try await j.downloaded(fingerprint, output: output, sha256: sha) }
    }

    // MARK: resuming

    /// What a rerun does with what the journal holds: an outcome without
    /// paying, or nil to send (the last try was rejected unbilled, or
    /// `--again`). Refuses what may have been billed with no result seen.
    /// The outcome's window is the entry's own, never one planned again.
    func resume(_ entry: JournalEntry) async throws(WorkflowError) -> GenerationOutcome? {
        var outcome = try await taken(entry)
        outcome?.sentWindow = entry.sentWindow
        outcome?.fingerprint = entry.fingerprint
        return outcome
    }

    private func taken(_ entry: JournalEntry) async throws(WorkflowError) -> GenerationOutcome? {
        let when = Self.describe(entry)
        switch entry.state {
        case .rejected:
            return nil
        case _ where options.again && entry.state != .downloaded && entry.state != .accepted && entry.state != .completed:
            return nil
        case .downloaded:
            if let out = entry.output, let sha = entry.outputSHA256, OutputFile.exists(out), (try? await Self.sha256(out)) == sha {
                if out != output {
                    if OutputFile.exists(output) && !OutputFile.sameFile(out, output) {
                        throw .outputHoldsOther(output: output, result: out, journaled: when)
                    }
                    let file = OutputFile(path: output)
                    do {
                        try file.copyIn(from: out)
                        try file.commit()
                    } catch {
                        file.discardTemporary()
                        throw .cannotWrite(path: output, reason: error.message)
                    }
                }
                return GenerationOutcome(request: nil, estimate: nil, fixes: [],
                                         generated: Generated(output: output, bytes: Self.size(output), requestID: nil, attempts: 0),
                                         jobID: entry.jobID, resumed: .alreadyDownloaded)
            }
            if let url = entry.resultURL, Self.now - entry.updatedAt < Self.retention {
                var outcome = try await fetch(url, jobID: entry.jobID)
                outcome.resumed = .downloadedAgain
                return outcome
            }
            if options.again { return nil }
            throw .sentBefore(.downloadedAndGone(output: entry.output, journaled: when))
        case .accepted:
            guard let id = entry.jobID else { return nil }
            events(.resuming(jobID: id))
            var outcome = try await follow(id)
            outcome.resumed = .polled
            return outcome
        case .completed:
            if let url = entry.resultURL, Self.now - entry.updatedAt < Self.retention {
                var outcome = try await fetch(url, jobID: entry.jobID)
                outcome.resumed = .downloadedAgain
                return outcome
            }
            if options.again { return nil }
            throw .sentBefore(.resultExpired(jobID: entry.jobID, journaled: when))
        case .submitting:
            // Another run holds it in flight: its answer is this run's too, paid once.
            if let owner = entry.owner.flatMap(RequestOwner.init), owner != .current, owner.isAlive {
                return try await taken(try await answered(entry, by: owner))
            }
            throw .sentBefore(.noAnswer(journaled: when))
        case .failed:
            throw .sentBefore(.jobFailed(jobID: entry.jobID, journaled: when, reason: entry.error))
        case .expired:
            throw .sentBefore(.jobExpired(jobID: entry.jobID, journaled: when))
        }
    }

    /// The entry once the live process that sent it has its answer (or has
    /// died, or another run claimed it since), read from the journal every
    /// fraction of a second; bounded by how long a paid call may retry.
    private func answered(_ entry: JournalEntry, by owner: RequestOwner) async throws(WorkflowError) -> JournalEntry {
        guard let journal else { return entry }
        events(.waitingForOtherRun(pid: owner.pid))
        let clock = ContinuousClock()
        let deadline = clock.now + client.configuration.retry.deadline + .seconds(60)
        let pause = min(options.pollInterval, .milliseconds(250))
        while clock.now < deadline {
            do { try await Task.sleep(for: pause) } catch { throw .cancelled }
            guard let now = try await Generation.read(journal, entry.fingerprint) else { return entry }
            if now.state != .submitting || now.owner != entry.owner || !owner.isAlive { return now }
        }
        throw .heldByAnotherRun(pid: owner.pid, journaled: Self.describe(entry))
    }

    // MARK: parts

    /// What was downloaded is probed as media before it is renamed into place.
    static let isVideo: LTXAPIClient.ResultCheck = { path in
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(path) } catch {
            return "not a readable video (\(error.kind.rawValue)): \(Self.firstBytes(path))"
        }
        return media.primaryVideo == nil ? "a file with no video stream (\(media.container.rawValue))" : nil
    }

    /// What an answer of `endpoint` must be: HDR's a ZIP (its EXR frames are read when assembled), any other a video.
    static func check(_ endpoint: Endpoint) -> LTXAPIClient.ResultCheck { endpoint == .hdr ? isZip : isVideo }

    /// A ZIP starts with a local file header (or, empty, with its end record).
    static let isZip: LTXAPIClient.ResultCheck = { path in
        guard let magic = try? LocalFiles.prefix(of: path, count: 4) else { return "unreadable" }
        return magic.count == 4 && magic[0] == 0x50 && magic[1] == 0x4B && (magic[2], magic[3]) == (3, 4) ? nil : "not a ZIP of EXR frames: \(Self.firstBytes(path))"
    }

    /// The start of a file, as text where it is text, for saying what came back.
    static func firstBytes(_ path: String) -> String {
        guard let start = try? LocalFiles.prefix(of: path, count: 48) else { return "unreadable" }
        let shown = start.map { (32...126).contains($0) ? String(UnicodeScalar($0)) : "." }.joined()
        return "\(size(path)) bytes starting \"\(shown)\""
    }

    private func note(_ write: (Journal) async throws(JournalError) -> Void) async throws(WorkflowError) {
        guard let journal else { return }
        do throws(JournalError) { try await write(journal) } catch { throw .journal(error) }
    }

    static var now: Double { Date.now.timeIntervalSince1970 }

    static func describe(_ entry: JournalEntry) -> String {
        let date = Date(timeIntervalSince1970: entry.createdAt).formatted(.iso8601)
        let cost = entry.estimatedCost.map { ", estimated $\(Pricing.format($0))" } ?? ""
        return "\(entry.endpoint) at \(date)\(cost)"
    }

    static func sha256(_ path: String) async throws(WorkflowError) -> String {
        do throws(MediaError) { return try await BlockingExecutor.run { () throws(MediaError) in try SHA256.file(path) } } catch {
            throw .unreadable(error)
        }
    }

    static func size(_ path: String) -> Int64 { LocalFiles.size(path) }
}
