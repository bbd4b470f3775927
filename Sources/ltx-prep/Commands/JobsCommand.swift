import ArgumentParser
import LTXClient
import LTXJournal
import LTXWorkflow

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "What the journal of paid requests holds: list, show, totals, resume.",
        discussion: """
            Every paid request is written to the journal before it is sent, then
            updated: submitting, accepted (with the job id), completed or failed,
            downloaded (with the output's SHA-256); rejected when the API refused it
            before accepting (not billed). Running the same command again resumes from
            there instead of paying again.

            Examples:
              ltx-prep jobs
              ltx-prep jobs show 3f2a9c
              ltx-prep jobs totals --json
              ltx-prep jobs resume
            """,
        subcommands: [List.self, Show.self, Totals.self, Resume.self, Measure.self],
        defaultSubcommand: List.self
    )

    struct JournalOption: ParsableArguments {
        @OptionGroup var journal: JournalPath
        @Flag(help: "JSON Lines instead of text.") var json = false

        func with<T>(_ body: (Journal) async throws -> T) async throws -> T { try await CallSettings(journalPath: journal.path).withJournal(body) }

        /// Prints what `read` takes from the journal: a JSON line each, or its `text`.
        func print<T: Encodable>(_ read: (Journal) async throws -> [T], text: (T) -> String) async throws {
            try await reportingFailures(json: json) {
                for item in try await with(read) { Console.out(json ? JSONOutput.line(item) : text(item)) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every paid request, newest first.")
        @OptionGroup var options: JournalOption

        func run() async throws { try await options.print({ try await $0.all().map(JournalEntryReport.init) }, text: \.entry.line) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One request, by the start of its fingerprint or its job id.")
        @Argument(help: "A job id, or the start of a fingerprint.") var id: String
        @OptionGroup var options: JournalOption

        func run() async throws { try await options.print({ [JournalEntryReport(try await $0.only(matching: id))] }, text: \.entry.details) }
    }

    struct Totals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Estimated spend per day (UTC) and endpoint; rejected calls left out.")
        @OptionGroup var options: JournalOption

        func run() async throws { try await options.print({ JournalTotal.of(try await $0.all()) }, text: \.line) }
    }

    /// For `make bench`: what the journal adds to one paid call.
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the journal's writes for one paid call (make bench).",
                                                        shouldDisplay: false)
        @Option var count: Int = 200
        @OptionGroup var options: JournalOption

        func validate() throws { try Bounds.check("--count", count, 1...100_000) }

        func run() async throws {
            try await reportingFailures { Console.out(try await options.with { try await JournalTiming.measure($0, calls: count) }.line) }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Finish every accepted or completed job: poll it, fetch its result.",
            usage: "ltx-prep jobs resume [<options>]",
            discussion: callExitStatus)
        @OptionGroup var options: JournalOption
        @Option(help: "The API key (default: $LTXV_API_KEY).") var apiKey: String?
        @Option(help: .hidden) var pollInterval: Double = 5
        @OptionGroup var global: GlobalOptions

        func validate() throws { try Bounds.check("--poll-interval", pollInterval, 0.01...600, " seconds") }

        func run() async throws {
            let logger = global.bootstrap()
            try await reportingFailures {
                let (count, failed) = try await options.with { journal in
                    try await JournalResume.resumeAll(journal, apiKey: apiKey, environment: ClientConfiguration.processEnvironment,
                                                      pollInterval: .milliseconds(Int64(pollInterval * 1000)), logger: logger) { e, result in
                        let line = e.resumeLine(result) { $0.commandLineText }
                        if case .failure = result { Console.error(line) } else { Console.out(line) }
                    }
                }
                if count == 0 { Console.note("nothing to resume") }
                if failed > 0 { throw WorkflowError.jobFailed("\(failed) of \(count) could not be finished") }
            }
        }
    }
}
