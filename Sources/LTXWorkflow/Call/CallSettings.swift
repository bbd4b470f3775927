import LTXClient
import LTXContract
import LTXJournal
import Logging

/// What a paid call is told by flags and the environment: who serves it,
/// where, which journal, and the most it may cost. Resolved here so the CLI,
/// its batches and any Swift program resolve them the same way.
public struct CallSettings: Sendable {
    public var provider: Provider
    /// Nil: the provider's variable (`LTXV_API_KEY`, `SEGMIND_API_KEY`).
    public var apiKey: String?
    /// Nil: the provider's variable (`LTX_API_BASE_URL`, ...), else its host.
    public var baseURL: String?
    /// Nil: `Journal.defaultPath(environment:)`.
    public var journalPath: String?
    /// A call whose estimate is above this, or that has no documented price, is refused.
    public var maxCost: Double?
    /// How each call is sent; its `journal` is opened from `journalPath` by `Generation.run(_:settings:)`.
    public var generation: GenerationOptions
    public var environment: [String: String]

    public init(provider: Provider = .ltx, apiKey: String? = nil, baseURL: String? = nil, journalPath: String? = nil,
                maxCost: Double? = nil, generation: GenerationOptions = GenerationOptions(),
                environment: [String: String] = ClientConfiguration.processEnvironment) {
        self.provider = provider
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.journalPath = journalPath
        self.maxCost = maxCost
        self.generation = generation
        self.environment = environment
    }

    /// `seconds` between polls, unless LTX_PREP_POLL_INTERVAL says otherwise
    /// (tests poll fast); either way within 0.01 to 600 s.
    public static func pollInterval(_ seconds: Double, environment: [String: String]) -> Duration {
        let fromEnvironment = environment["LTX_PREP_POLL_INTERVAL"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        return .milliseconds(Int64(min(600, max(0.01, fromEnvironment ?? seconds)) * 1000))
    }

    public func client(logger: Logger) throws(WorkflowError) -> LTXAPIClient {
        do throws(ClientError) {
            let configuration = try ClientConfiguration.resolve(provider: provider, apiKey: apiKey, baseURL: baseURL, environment: environment)
            return LTXAPIClient(configuration: configuration, logger: logger)
        } catch { throw .client(error) }
    }

    /// The journal, opened before anything is paid.
    public func openJournal() async throws(WorkflowError) -> Journal {
        do throws(JournalError) { return try await Journal.open(journalPath, environment: environment) } catch {
            throw .journal(error)
        }
    }

    /// The journal, open for `body` and closed after, whatever `body` throws;
    /// a `JournalError` comes out as `WorkflowError.journal`.
    public func withJournal<T>(_ body: (Journal) async throws -> T) async throws -> T {
        let opened = try await openJournal()
        let result: Result<T, any Error>
        do { result = .success(try await body(opened)) } catch { result = .failure((error as? JournalError).map(WorkflowError.journal) ?? error) }
        await opened.close()
        return try result.get()
    }

    /// `generation` with its journal opened (none on a dry run): close it when done.
    public func openedGeneration() async throws(WorkflowError) -> GenerationOptions {
        var options = generation
        if !options.dryRun { options.journal = try await openJournal() }
        return options
    }

    /// Refuses `estimate` when it is above `maxCost`, or when there is a limit
    /// and no documented price to hold it to.
    public func checkCost(_ estimate: Pricing.Estimate?, of job: GenerationJob) throws(WorkflowError) {
        try checkCost(estimate, summary: job.summary, provider: job.provider)
    }

    /// The same for `summary` (several calls priced together, say).
    public func checkCost(_ estimate: Pricing.Estimate?, summary: String, provider: Provider) throws(WorkflowError) {
        guard let maxCost else { return }
        guard let estimate else {
            throw .costLimitUnpriced(provider: provider, summary: summary)
        }
        if estimate.dollars > maxCost + 1e-9 {
            throw .overCostLimit(estimate: estimate.dollars, limit: maxCost)
        }
    }
}

extension CallSettings {
    /// The approval a paid workflow gets: the cost limit (`check`), then `confirm`.
    public typealias Approval = @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void

    /// Runs `body` with the client and the journal these settings name, and
    /// an approval that applies the cost limit to what `summary` names (the
    /// total of a whole edit) before `confirm`. The journal is opened before
    /// anything is paid (none on a dry run) and closed after, however `body`
    /// ends: what every `run(_:settings:...)` shares.
    public func running<T: Sendable>(_ summary: String, provider: Provider, logger: Logger, confirm: @escaping Approval,
                                     _ body: (LTXAPIClient, GenerationOptions, @escaping Approval) async throws(WorkflowError) -> T)
        async throws(WorkflowError) -> T {
        let client = try client(logger: logger)
        let options = try await openedGeneration()
        let result: Result<T, WorkflowError>
        do throws(WorkflowError) {
            result = .success(try await body(client, options) { estimate throws(WorkflowError) in
                try checkCost(estimate, summary: summary, provider: provider)
                try await confirm(estimate)
            })
        } catch { result = .failure(error) }
        await options.journal?.close()
        return try result.get()
    }
}

extension Generation {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied before `confirm` is asked. The journal is opened before
    /// anything is paid (none on a dry run) and closed after.
    public static func run(_ job: GenerationJob, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> GenerationOutcome {
        try await settings.running(job.summary, provider: job.provider, logger: logger, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(job, client: client, options: options, approve: approve, events: events)
        }
    }
}
