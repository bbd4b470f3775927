import LTXClient
import LTXFiles
import LTXJournal
import LTXSystem

/// A rerun's paid call: taken up where the journal says it stopped.
extension PaidCall {
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

    func taken(_ entry: JournalEntry) async throws(WorkflowError) -> GenerationOutcome? {
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
            if let outcome = try await fetchedAgain(entry) { return outcome }
            if options.again { return nil }
            throw .sentBefore(.downloadedAndGone(output: entry.output, journaled: when))
        case .accepted:
            guard let id = entry.jobID else { return nil }
            events(.resuming(jobID: id))
            var outcome = try await follow(id)
            outcome.resumed = .polled
            return outcome
        case .completed:
            if let outcome = try await fetchedAgain(entry) { return outcome }
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

    /// The result downloaded again from the entry's URL while the API still
    /// keeps it (`retention` after the entry last changed); nil when it may be gone.
    private func fetchedAgain(_ entry: JournalEntry) async throws(WorkflowError) -> GenerationOutcome? {
        guard let url = entry.resultURL, Self.now - entry.updatedAt < Self.retention else { return nil }
        var outcome = try await fetch(url, jobID: entry.jobID)
        outcome.resumed = .downloadedAgain
        return outcome
    }

    /// The entry once the live process that sent it has its answer (or has
    /// died, or another run claimed it since), read from the journal every
    /// fraction of a second; bounded by how long a paid call may retry.
    func answered(_ entry: JournalEntry, by owner: RequestOwner) async throws(WorkflowError) -> JournalEntry {
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
}
