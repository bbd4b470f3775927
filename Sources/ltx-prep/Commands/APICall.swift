import ArgumentParser
import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXPreflight
import LTXWorkflow
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Delivery: ExpressibleByArgument {}

/// One line on stderr and an exit status.
struct CommandFailure: Error {
    var message: String
    var status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    init(_ error: ClientError) {
        message = error.description
        switch error {
        case .api, .unexpectedAnswer: status = .api
        case .connection, .droppedDownload: status = .network
        case .cancelled: status = .interrupted
        default: status = .unusable
        }
    }

    init(_ error: WorkflowError) {
        switch error {
        case .client(let e): self.init(e)
        case .unusable(let why), .refused(let why): self.init(why, status: .unusable)
        case .cancelled: self.init(error.description, status: .interrupted)
        case .jobFailed(let why): self.init(why, status: .api)
        case .journal(let e): self.init(e.description, status: .unusable)
        }
    }
}

/// Runs `body`, turning a `CommandFailure` into its line and exit status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let failure as CommandFailure {
        Console.error(failure.message)
        throw ExitCode(failure.status == .interrupted ? Interrupt.exitStatus : failure.status.rawValue)
    }
}

let callExitStatus = """
    Exit status: 0 done; 2 the input cannot be used, the arguments are wrong, no key, or the \
    call was refused (--max-cost, not confirmed); 3 the API answered an error (its status, \
    type, message and x-request-id are printed); 4 the network failed or the download was cut \
    (nothing is left under the output's name); 128 + the signal when interrupted (130 Ctrl-C, \
    143 SIGTERM, 129 SIGHUP), temporary files removed.
    """

/// The CLI's side of `Generation.run`: output checks, the estimate prompt,
/// Ctrl-C as cancellation, and printing.
enum APICall {
    static func run(_ job: GenerationJob, options: ClientOptions, force: Bool, what: String,
                    logger: Logger) async throws -> GenerationOutcome {
        try await perform(options: options, force: force, what: what, logger: logger) { client, settings, approve, events throws(WorkflowError) in
            try await Generation.run(job, client: client, options: settings, approve: approve, events: events)
        }
    }

    /// A paid workflow with the CLI's client, journal, prompt and status line;
    /// Ctrl-C cancels it.
    static func perform<T: Sendable>(
        options: ClientOptions, force: Bool, what: String, logger: Logger,
        _ body: @escaping @Sendable (LTXAPIClient, GenerationOptions, @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void,
                                     @escaping @Sendable (WorkflowEvent) -> Void) async throws(WorkflowError) -> T
    ) async throws -> T {
        let client = try options.client(logger: logger)
        let journal = options.dryRun ? nil : try await options.openJournal()
        let settings = GenerationOptions(dryRun: options.dryRun, sync: options.sync, journal: journal, again: options.again,
                                         pollInterval: .milliseconds(Int64(options.effectivePollInterval * 1000)), replaceOutput: force)
        let status = StatusLine(enabled: !options.json && Console.stderrIsTerminal)
        let json = options.json
        let task = Task { () async -> Result<T, WorkflowError> in
            do throws(WorkflowError) {
                return .success(try await body(client, settings, { estimate throws(WorkflowError) in
                    status.clear()
                    try options.approve(estimate, what: what)
                }, { event in show(event, status: status, json: json) }))
            } catch { return .failure(error) }
        }
        let result = await awaitCancellingOnInterrupt(task)
        status.clear()
        await journal?.close()
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): throw CommandFailure(error)
        }
    }

    private static func show(_ event: WorkflowEvent, status: StatusLine, json: Bool) {
        switch event {
        case .fixPlanned(let input, let plan): if !json { status.clear(); Console.note(FixPrinter.plan(input, plan)) }
        case .fixing(_, let p): status.show("fixing: frame \(p.framesDone)" + (p.framesExpected.map { " of \($0)" } ?? ""))
        case .estimated: break
        case .checkingURL(let url): status.show("asking \(url) for its size")
        case .uploading(let sent, let total): status.show("uploading \(Bytes.mb(sent)) of \(Bytes.mb(total))")
        case .waiting: status.show("waiting for the result")
        case .submitted(let id): if !json { status.clear(); Console.note("submitted: job \(id)") }
        case .resuming(let id): if !json { status.clear(); Console.note("resuming job \(id) from the journal: nothing is sent again") }
        case .polling(let id, let state, let elapsed): status.show("job \(id): \(state), \(elapsed.components.seconds) s")
        case .downloading(let got, let total): status.show("downloading \(Bytes.mb(got))" + (total.map { " of \(Bytes.mb($0))" } ?? ""))
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

/// One line of status on stderr, redrawn in place; nothing on a pipe.
final class StatusLine: Sendable {
    private let enabled: Bool
    private let last = Mutex<Double>(0)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let now = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        let draw = last.withLock { t -> Bool in
            guard now - t >= 0.1 else { return false }
            t = now
            return true
        }
        if draw { Console.prompt("\r\u{1B}[K" + text) }
    }

    func clear() { if enabled { Console.prompt("\r\u{1B}[K") } }
}

enum Bytes {
    static func mb(_ n: Int64) -> String { "\((Double(n) / 1e5).rounded() / 10) MB" }
}
