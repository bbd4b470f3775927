import ArgumentParser
import LTXClient
import LTXContract
import LTXJournal
import LTXWorkflow

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "What the journal of paid requests holds: list, show, totals, resume.",
        discussion: """
            Every paid request is written to the journal before it is sent, then updated: \
            submitting, accepted (with the job id), completed or failed, downloaded (with the \
            output's SHA-256); rejected when the API refused it before accepting (not billed). \
            Running the same command again resumes from there instead of paying again.

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
        @Option(help: ArgumentHelp("The journal (default: $XDG_STATE_HOME/ltx-prep/journal.sqlite, else ~/.local/state/ltx-prep/journal.sqlite).",
                                   valueName: "path"))
        var journal: String?

        @Flag(help: "JSON Lines instead of text.")
        var json = false

        /// Every entry, newest first; the journal closed again.
        func entries() async throws -> [JournalEntry] {
            let journal = try await open()
            defer { Task { await journal.close() } }
            do throws(JournalError) { return try await journal.all() } catch { throw CommandFailure(error.description, status: .unusable) }
        }

        func open() async throws -> Journal {
            let path = journal ?? Journal.defaultPath(environment: ClientConfiguration.processEnvironment)
            do throws(JournalError) { return try await Journal.open(path) } catch {
                throw CommandFailure(error.description, status: .unusable)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every paid request, newest first.")
        @OptionGroup var options: JournalOption

        func run() async throws {
            try await reportingFailures {
                let entries = try await options.entries()
                for e in entries { Console.out(options.json ? JSONOutput.line(e) : JobsPrinter.line(e)) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One request, by the start of its fingerprint or its job id.")
        @Argument(help: "A fingerprint prefix (as `jobs` prints it) or a job id.")
        var id: String
        @OptionGroup var options: JournalOption

        func run() async throws {
            try await reportingFailures {
                let entries = try await options.entries()
                let found = entries.filter { $0.fingerprint.hasPrefix(id) || $0.jobID == id }
                guard found.count == 1, let e = found.first else {
                    throw CommandFailure("\(id): \(found.isEmpty ? "no such request in the journal" : "matches \(found.count) requests; give more of it")",
                                         status: .unusable)
                }
                Console.out(options.json ? JSONOutput.line(e) : JobsPrinter.details(e))
            }
        }
    }

    struct Totals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Estimated spend per day (UTC) and per endpoint, of what may have been billed.")
        @OptionGroup var options: JournalOption

        func run() async throws {
            try await reportingFailures {
                let entries = try await options.entries()
                for total in JobsPrinter.totals(entries) {
                    Console.out(options.json ? JSONOutput.line(total)
                                             : "\(total.day)  \(total.endpoint)  \(total.requests) request(s)  $\(Pricing.format(total.estimatedDollars))")
                }
            }
        }
    }

    /// For `make bench`: what the journal adds to one paid call.
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the journal's writes for one paid call (make bench).",
                                                        shouldDisplay: false)
        @Option var count: Int = 200
        @OptionGroup var options: JournalOption

        func run() async throws {
            try await reportingFailures {
                let journal = try await options.open()
                var perCall: [Double] = []
                do throws(JournalError) {
                    for n in 0..<max(1, count) {
                        perCall.append(try await JournalTiming.onePaidCall(journal, n))
                    }
                } catch { throw CommandFailure(error.description, status: .unusable) }
                await journal.close()
                perCall.sort()
                Console.out(#"{"calls":\#(perCall.count),"median_ms":\#(perCall[perCall.count / 2]),"max_ms":\#(perCall.last ?? 0)}"#)
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Finish every accepted or completed job: poll it, fetch its result. Nothing is sent again.",
            discussion: callExitStatus)
        @OptionGroup var options: JournalOption
        @Option(name: .customLong("api-key"), help: "The API key (default: LTXV_API_KEY).")
        var apiKey: String?
        @Option(name: .customLong("poll-interval"), help: .hidden)
        var pollInterval: Double = 5
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let logger = global.bootstrap()
            try await reportingFailures {
                let journal = try await options.open()
                let entries: [JournalEntry]
                do throws(JournalError) { entries = try await journal.all().filter(JournalResume.isUnfinished) } catch {
                    throw CommandFailure(error.description, status: .unusable)
                }
                var failures = 0
                for e in entries {
                    do throws(WorkflowError) {
                        let config: ClientConfiguration
                        do throws(ClientError) {
                            config = try ClientConfiguration.resolve(provider: Provider(rawValue: e.provider) ?? .ltx, apiKey: apiKey, baseURL: e.baseURL,
                                                                     environment: ClientConfiguration.processEnvironment)
                        } catch { throw WorkflowError.client(error) }
                        let outcome = try await JournalResume.resume(e, client: LTXAPIClient(configuration: config, logger: logger), journal: journal,
                                                                     pollInterval: .milliseconds(Int64(pollInterval * 1000)))
                        Console.out("\(e.fingerprint.prefix(12)): wrote \(outcome.generated?.output ?? "?")")
                    } catch {
                        failures += 1
                        Console.error("\(e.fingerprint.prefix(12)): \(error)")
                    }
                }
                await journal.close()
                if entries.isEmpty { Console.note("nothing to resume") }
                if failures > 0 { throw CommandFailure("\(failures) of \(entries.count) could not be finished", status: .api) }
            }
        }
    }
}
