import LTXClient
import LTXContract
import LTXJournal
import Logging

/// Takes up journaled jobs that have not reached their output: `ltx-prep
/// jobs resume`. Only entries that cost nothing more to finish are taken
/// (accepted: poll; completed: fetch); nothing is sent again.
public enum JournalResume {
    public static func isUnfinished(_ entry: JournalEntry) -> Bool {
        entry.state == .accepted || entry.state == .completed
    }

    public static func resume(_ entry: JournalEntry, client: LTXAPIClient, journal: Journal, pollInterval: Duration = .seconds(5),
                              events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> GenerationOutcome {
        guard isUnfinished(entry), let output = entry.output else {
            throw .nothingToResume(fingerprint: entry.fingerprint, state: entry.state)
        }
        let endpoint = Endpoint.allCases.first { entry.endpoint.hasSuffix("/" + $0.rawValue) } ?? .retake
        let call = PaidCall(endpoint: endpoint, provider: Provider(rawValue: entry.provider) ?? .ltx, output: output, client: client,
                            options: GenerationOptions(journal: journal, pollInterval: pollInterval), fingerprint: entry.fingerprint,
                            events: events)
        guard let outcome = try await call.resume(entry) else { throw .nothingToResume(fingerprint: nil, state: nil) }
        return outcome
    }

    /// Every unfinished entry of `journal`, one after another, each with a
    /// client for its own provider and base URL (the key from `apiKey`, else
    /// the environment). `each` hears how each ended; returns how many there
    /// were and how many of them could not be finished.
    public static func resumeAll(_ journal: Journal, apiKey: String?, environment: [String: String], pollInterval: Duration = .seconds(5),
                                 logger: Logger, each: (JournalEntry, Result<GenerationOutcome, WorkflowError>) -> Void)
        async throws(WorkflowError) -> (count: Int, failed: Int) {
        let entries: [JournalEntry]
        do throws(JournalError) { entries = try await journal.all().filter(isUnfinished) } catch { throw .journal(error) }
        var failed = 0
        for entry in entries {
            do throws(WorkflowError) {
                let settings = CallSettings(provider: Provider(rawValue: entry.provider) ?? .ltx, apiKey: apiKey, baseURL: entry.baseURL,
                                            environment: environment)
                each(entry, .success(try await resume(entry, client: settings.client(logger: logger), journal: journal, pollInterval: pollInterval)))
            } catch {
                failed += 1
                each(entry, .failure(error))
            }
        }
        return (entries.count, failed)
    }
}
