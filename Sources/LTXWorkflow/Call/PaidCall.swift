import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia

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
    func failedBeforeAnswer(_ error: ClientError) async throws(WorkflowError) -> WorkflowError {
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
        let end: JobEnd
        do throws(ClientError) {
            end = try await client.followJob(endpoint, id: id, every: options.pollInterval) { status in
                events(.polling(jobID: id, status: status, elapsed: clock.now - started))
            }
        } catch {
            if case .api(let e, _, _) = error, e.status == 404 {
                try await note { j throws(JournalError) in try await j.expired(fingerprint) }
                throw .jobFailed("job \(id) does not exist or has expired (results are kept 24 hours); nothing was written")
            }
            if case .cancelled = error { throw .cancelled }
            throw .client(error)
        }
        switch end {
        case .completed(let url):
            try await note { j throws(JournalError) in try await j.completed(fingerprint, resultURL: url) }
            return try await fetch(url, jobID: id)
        case .completedWithoutResult:
            throw .jobFailed("job \(id) completed without a result URL")
        case .failed(let why):
            try await note { j throws(JournalError) in try await j.failed(fingerprint, error: why) }
            throw .jobFailed("job \(id) failed: \(why)")
        }
    }

    func fetch(_ url: String, jobID: String?) async throws(WorkflowError) -> GenerationOutcome {
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

    func recordDownload(_ output: String) async throws(WorkflowError) {
        guard journal != nil else { return }
        let sha = try await Self.sha256(output)
        try await note { j throws(JournalError) in try await j.downloaded(fingerprint, output: output, sha256: sha) }
    }

    func note(_ write: (Journal) async throws(JournalError) -> Void) async throws(WorkflowError) {
        guard let journal else { return }
        do throws(JournalError) { try await write(journal) } catch { throw .journal(error) }
    }

    static var now: Double { Date.now.timeIntervalSince1970 }

    static func describe(_ entry: JournalEntry) -> String {
        let date = Date(timeIntervalSince1970: entry.createdAt).formatted(.iso8601)
        let cost = entry.estimatedCost.map { ", estimated $\(Pricing.format($0))" } ?? ""
        return "\(entry.endpoint) at \(date)\(cost)"
    }
}
