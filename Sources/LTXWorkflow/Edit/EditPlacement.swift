import LTXClient
import LTXFiles
import LTXJournal

/// Whether a whole-video edit (retake, extend, reframe) was already put
/// back: what a rerun decides from the journal alone, before anything is
/// paid or written.
enum EditPlacement {
    /// When the journal says every one of `jobs` was put back into a file
    /// that is byte for byte `output` as it is now (same SHA-256: the same
    /// path, another output of the same command, or a copy of one), their
    /// outcomes; else nil.
    static func placedBefore(_ jobs: [GenerationJob], output: String, options: GenerationOptions,
                             client: LTXAPIClient) async throws(WorkflowError) -> [GenerationOutcome]? {
        guard let journal = options.journal, !jobs.isEmpty else { return nil }
        var outcomes: [GenerationOutcome] = []
        var sha: String?
        for job in jobs {
            let id = try await RequestIdentity.make(job, baseURL: client.configuration.baseURL.string)
            guard let entry = try await Generation.read(journal, id.fingerprint) else { return nil }
            let placements: [JournalPlacement]
            do throws(JournalError) { placements = try await journal.placements(id.fingerprint) } catch { throw .journal(error) }
            guard !placements.isEmpty else { return nil }
            if sha == nil { sha = try await PaidCall.sha256(output) }
            guard placements.contains(where: { $0.sha256 == sha }) else { return nil }
            outcomes.append(GenerationOutcome(request: nil, estimate: nil, fixes: [], jobID: entry.jobID, resumed: .alreadyDownloaded,
                                              sentWindow: entry.sentWindow, fingerprint: entry.fingerprint))
        }
        return outcomes
    }
}
