import ArgumentParser
import LTXClient
import LTXContract
import LTXWorkflow
import Logging

/// Runs `body`, turning a `WorkflowError` into its line on stderr and its
/// exit status; with `json`, also into one object on stdout (`ErrorReport`).
func reportingFailures<T>(json: Bool = false, _ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as WorkflowError {
        Console.error(error.commandLineText)
        if json { Console.out(JSONOutput.line(ErrorReport(error, message: error.commandLineText))) }
        let status: Int32 = switch error.kind {
        case .unusable: ExitStatus.unusable.rawValue
        case .api: ExitStatus.api.rawValue
        case .network: ExitStatus.network.rawValue
        case .cancelled: Interrupt.exitStatus
        }
        throw ExitCode(status)
    }
}

/// `LTXAPIClient.unreachableBound`, rounded up to the second, for --help.
let unreachableBoundText: String = {
    let (seconds, atto) = LTXAPIClient.unreachableBound.components
    return "\(seconds + (atto > 0 ? 1 : 0)) s"
}()

let callExitStatus = """
    A failure prints one line that starts with the step that failed (getting
    the upload URL, the upload's PUT, the generation call, polling the job, the
    result's download), then the HTTP status, the error's type and message and
    the x-request-id.

    An API that cannot be reached (a refused connection, or none within \(RetryNotice.seconds(LTXAPIClient.connectTimeout))) is
    tried \(RetryPolicy().maxAttempts) times, with a line on stderr before each retry, and given up (exit 4)
    within \(unreachableBoundText) in all.

    Exit status: 0 done; 2 the input cannot be used, the arguments are wrong,
    there is no key, the output's folder is missing or read-only (said before
    anything is sent), the paid result could not be written (a full disk: the
    rerun fetches it without paying), or the call was refused (--max-cost, not
    confirmed, another run holds the same request); 3 the
    API answered an error; 4 the network failed or the download was cut (nothing
    is left under the output's name); 128 + the signal when interrupted (130
    Ctrl-C, 143 SIGTERM, 129 SIGHUP), temporary files removed.
    """

/// The CLI's side of `Generation.run`: the confirmation prompt, Ctrl-C as
/// cancellation, and printing.
enum APICall {
    /// Runs `job` and prints its result: one JSON object, or a line naming
    /// the file and the request id, with `note` under it.
    static func perform(_ job: GenerationJob, options: ClientOptions, force: Bool, logger: Logger,
                        report: (GenerationOutcome) -> GenerationReport? = \.report,
                        note: (GenerationOutcome) -> String? = { _ in nil }) async throws {
        let outcome = try await interruptible(options, force: force, summary: job.summary, provider: job.provider) {
            settings, confirm, events throws(WorkflowError) in
            try await Generation.run(job, settings: settings, logger: logger, confirm: confirm, events: events)
        }
        if options.json, let report = report(outcome) { return Console.out(JSONOutput.line(report)) }
        if let text = outcome.text(output: job.output, note: note(outcome)) { Console.out(text) }
    }

    /// `retake --window-only`: the whole retake's call for the first section
    /// (the same window, the same price), its answer written as it came, and
    /// where that answer sits in the input.
    static func performWindowOnlyRetake(_ request: WholeRetakeRequest, options: ClientOptions, force: Bool, logger: Logger) async throws {
        let retake = try await reportingFailures { try await WholeRetake.windowOnly(request) }
        try await perform(retake.job, options: options, force: force, logger: logger, report: { $0.report(window: retake.window(of: $0)) }) {
            retake.window(of: $0).map { GenerationOutcome.windowNote(input: request.input, window: $0) }
        }
    }

    /// A whole-video retake: its calls, then the splice, with the same prompt,
    /// Ctrl-C and status line as one call; prints its result.
    @discardableResult
    static func performWholeRetake(_ request: WholeRetakeRequest, options: ClientOptions, force: Bool, logger: Logger) async throws -> RetakeOutcome {
        let outcome = try await interruptible(options, force: force, summary: "this retake", provider: request.provider) {
            settings, confirm, events throws(WorkflowError) in
            try await WholeRetake.run(request, settings: settings, logger: logger, confirm: confirm, events: events)
        }
        Console.out(options.json ? JSONOutput.line(outcome) : outcome.text)
        return outcome
    }

    /// A whole-video extend: its call, then the join; prints its result.
    @discardableResult
    static func performWholeExtend(_ request: WholeExtendRequest, options: ClientOptions, force: Bool, logger: Logger) async throws -> ExtendOutcome {
        let outcome = try await interruptible(options, force: force, summary: "this extend", provider: .ltx) {
            settings, confirm, events throws(WorkflowError) in
            try await WholeExtend.run(request, settings: settings, logger: logger, confirm: confirm, events: events)
        }
        Console.out(options.json ? JSONOutput.line(outcome) : outcome.text(output: request.output))
        return outcome
    }

    /// A reframe: its one call, then the answer put together with the input's
    /// audio, with the same prompt, Ctrl-C and status line as one call.
    static func performReframe(_ job: ReframeJob, options: ClientOptions, force: Bool, logger: Logger) async throws -> ReframeOutcome {
        try await interruptible(options, force: force, summary: "this reframe", provider: .ltx) { settings, confirm, events throws(WorkflowError) in
            try await Reframe.run(job, settings: settings, logger: logger, confirm: confirm, events: events)
        }
    }

    /// An HDR conversion: its pieces (one total approved), then the frames
    /// assembled, with the same prompt, Ctrl-C and status line as one call.
    static func performHDR(_ job: HDRJob, options: ClientOptions, force: Bool, logger: Logger) async throws -> HDROutcome {
        try await interruptible(options, force: force, summary: "this HDR", provider: .ltx) { settings, confirm, events throws(WorkflowError) in
            try await HDR.run(job, settings: settings, logger: logger, confirm: confirm, events: events)
        }
    }

    /// Runs a paid workflow in a task that Ctrl-C (or SIGTERM, SIGHUP) cancels,
    /// with the terminal's confirmation and its events on the status line; a
    /// failure is reported (`reportingFailures`).
    private static func interruptible<T: Sendable>(
        _ options: ClientOptions, force: Bool, summary: String, provider: Provider,
        _ body: @escaping @Sendable (CallSettings, _ confirm: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void,
                                     _ events: @escaping @Sendable (WorkflowEvent) -> Void) async throws(WorkflowError) -> T
    ) async throws -> T {
        let (json, settings) = (options.json, options.settings(provider, force: force))
        return try await reportingFailures(json: json) {
            try await interruptibly(quiet: json || options.quiet) { status throws(WorkflowError) in
                try await body(settings, { _ throws(WorkflowError) in try options.confirm() }) { event in
                    switch event.line(summary: summary, provider: provider) {
                    case .status(let text): status.show(text, finishes: event.endsTransfer)
                    case .note(let text): status.clear(); Console.note(text)
                    case .textNote(let text): if !json { status.clear(); Console.note(text) }
                    }
                }
            }.get()
        }
    }
}
