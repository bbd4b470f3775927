import ArgumentParser
import LTXClient
import LTXContract
import LTXPreflight
import LTXWorkflow
import Logging

/// One line on stderr and an exit status.
struct CommandFailure: Error {
    var message: String
    var status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    init(_ error: WorkflowError) {
        message = error.description
        status = switch error.kind {
        case .unusable: .unusable
        case .api: .api
        case .network: .network
        case .cancelled: .interrupted
        }
    }
}

/// Runs `body`, turning a `CommandFailure` or a `WorkflowError` into its line and exit status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    let failure: CommandFailure
    do { return try await body() } catch let error as WorkflowError { failure = CommandFailure(error) } catch let error as CommandFailure {
        failure = error
    }
    Console.error(failure.message)
    throw ExitCode(failure.status == .interrupted ? Interrupt.exitStatus : failure.status.rawValue)
}

let callExitStatus = """
    A failure prints one line that starts with the step that failed (getting
    the upload URL, the upload's PUT, the generation call, polling the job, the
    result's download), then the HTTP status, the error's type and message and
    the x-request-id.

    Exit status: 0 done; 2 the input cannot be used, the arguments are wrong,
    there is no key, or the call was refused (--max-cost, not confirmed); 3 the
    API answered an error; 4 the network failed or the download was cut (nothing
    is left under the output's name); 128 + the signal when interrupted (130
    Ctrl-C, 143 SIGTERM, 129 SIGHUP), temporary files removed.
    """

/// The CLI's side of `Generation.run`: the confirmation prompt, Ctrl-C as
/// cancellation, and printing.
enum APICall {
    static func run(_ job: GenerationJob, options: ClientOptions, force: Bool, logger: Logger) async throws -> GenerationOutcome {
        let settings = options.settings(job.provider, force: force)
        return try await interruptible(options, summary: job.summary, provider: job.provider) { confirm, events throws(WorkflowError) in
            try await Generation.run(job, settings: settings, logger: logger, confirm: confirm, events: events)
        }
    }

    /// A whole-video retake: its calls, then the splice, with the same prompt,
    /// Ctrl-C and status line as one call.
    static func runWholeRetake(_ request: WholeRetakeRequest, options: ClientOptions, force: Bool, logger: Logger) async throws -> RetakeOutcome {
        let settings = options.settings(request.provider, force: force)
        return try await interruptible(options, summary: "this retake", provider: request.provider) { confirm, events throws(WorkflowError) in
            try await WholeRetake.run(request, settings: settings, logger: logger, confirm: confirm, events: events)
        }
    }

    /// Runs a paid workflow in a task that Ctrl-C (or SIGTERM, SIGHUP) cancels,
    /// with the terminal's confirmation and its events on the status line.
    private static func interruptible<T: Sendable>(
        _ options: ClientOptions, summary: String, provider: Provider,
        _ body: @escaping @Sendable (_ confirm: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void,
                                     _ events: @escaping @Sendable (WorkflowEvent) -> Void) async throws(WorkflowError) -> T
    ) async throws -> T {
        let status = StatusLine(enabled: !options.json && Console.stderrIsTerminal)
        let json = options.json
        let task = Task { () async -> Result<T, WorkflowError> in
            do throws(WorkflowError) {
                return .success(try await body({ _ throws(WorkflowError) in try options.confirm() },
                                                { event in show(event, summary: summary, provider: provider, status: status, json: json) }))
            } catch { return .failure(error) }
        }
        let result = await awaitCancellingOnInterrupt(task)
        status.clear()
        return try result.get()
    }

    /// Runs `job` and prints its result; `note` adds a line under it.
    static func perform(_ job: GenerationJob, options: ClientOptions, force: Bool, logger: Logger,
                        note: (GenerationOutcome) -> String? = { _ in nil }) async throws {
        try await reportingFailures {
            let outcome = try await run(job, options: options, force: force, logger: logger)
            report(outcome, output: job.output, json: options.json, note: note(outcome))
        }
    }

    private static func show(_ event: WorkflowEvent, summary: String, provider: Provider, status: StatusLine, json: Bool) {
        switch event {
        case .fixPlanned(let input, let plan): if !json { status.clear(); Console.note(FixPrinter.plan(input, plan)) }
        case .fixing(_, let p): status.show("fixing: frame \(p.framesDone)" + (p.framesExpected.map { " of \($0)" } ?? ""))
        case .estimated(let estimate):
            status.clear()
            Console.note(estimate.map { "estimated cost of \(summary): \($0)" } ?? "no documented price for \(summary) with \(provider.rawValue)")
        case .checkingURL(let url): status.show("asking \(url) for its size")
        case .uploading(let sent, let total): status.show("uploading \(Units.mb(sent)) of \(Units.mb(total))")
        case .waiting: status.show("waiting for the result")
        case .submitted(let id): if !json { status.clear(); Console.note("submitted: job \(id)") }
        case .resuming(let id): if !json { status.clear(); Console.note("resuming job \(id) from the journal: nothing is sent again") }
        case .polling(let id, let state, let elapsed): status.show("job \(id): \(state), \(elapsed.components.seconds) s")
        case .downloading(let got, let total): status.show("downloading \(Units.mb(got))" + (total.map { " of \(Units.mb($0))" } ?? ""))
        case .warning(let text): status.clear(); Console.note("warning: \(text)")
        case .retakeCall(let i, let n, let call):
            if !json {
                status.clear()
                Console.note("call \(i) of \(n): window \(Format.seconds(call.window.start)) to \(Format.seconds(call.window.end)) for "
                             + call.sections.map { "\(Format.seconds($0.start)) to \(Format.seconds($0.end))" }.joined(separator: ", "))
            }
        case .splicing(let p): status.show("splicing: frame \(p.framesDone)" + (p.framesExpected.map { " of \($0)" } ?? ""))
        }
    }

    /// The result: one JSON object, or a line naming the file and the request id.
    static func report(_ outcome: GenerationOutcome, output: String, json: Bool, note: String? = nil) {
        guard let result = outcome.generated else {
            guard let request = outcome.request else { return }
            let body = (try? request.json()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            let shown = body.replacing(InlineFile.marker, with: "<the file, as a data URI>")
            Console.out("dry run: would POST \(request.path) \(shown)")
            return
        }
        let fix = outcome.fixes.first ?? nil
        if json {
            return Console.out(JSONOutput.line(CallResult(generated: result, fix: fix?.plan, window: fix?.window, jobId: outcome.jobID,
                                                          resumed: outcome.resumed)))
        }
        let how: String = switch outcome.resumed {
        case .alreadyDownloaded?: "already done: the journal has this request's result, unchanged; nothing was paid. "
        case .polled?: "resumed job \(outcome.jobID ?? "?"): "
        case .downloadedAgain?: "fetched the finished job's result again: "
        case nil: ""
        }
        Console.out(how + "wrote \(output): \(result.bytes) bytes" + (outcome.jobID.map { ", job \($0)" } ?? "")
                    + (result.requestID.map { ", x-request-id \($0)" } ?? "") + (note.map { "\n  \($0)" } ?? ""))
    }
}

/// `--json` for the API commands.
struct CallResult: Encodable {
    var generated: Generated
    var fix: FixPlan?
    var window: FixOutcome.WindowMapping?
    var jobId: String?
    var resumed: GenerationOutcome.Resumption?
}
