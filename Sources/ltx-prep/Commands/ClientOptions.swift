import ArgumentParser
import LTXClient
import LTXContract
import LTXJournal
import LTXWorkflow
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every command that calls the API shares.
struct ClientOptions: ParsableArguments {
    @Option(help: "Who serves the call: ltx, or segmind (retake only).")
    var provider: ProviderChoice = .ltx

    @Option(name: .customLong("api-key"), help: "The API key (default: LTXV_API_KEY, or SEGMIND_API_KEY for --provider segmind). Never printed.")
    var apiKey: String?

    @Option(name: .customLong("base-url"), help: "The API's base URL (default: LTX_API_BASE_URL / SEGMIND_API_BASE_URL, else the provider's host). Plain http only to loopback.")
    var baseURL: String?

    @Option(name: .customLong("max-cost"), help: ArgumentHelp("Refuse a call whose estimated price is above this.", valueName: "USD"))
    var maxCost: Double?

    @Flag(name: .customLong("dry-run"), help: "Do everything but the paid call: check, fix, estimate, and print the request.")
    var dryRun = false

    @Flag(help: "Do not ask for confirmation before a paid call on a terminal.")
    var yes = false

    @Flag(help: "Print one JSON object with the result instead of text.")
    var json = false

    @Flag(help: "Use the synchronous v1 route (one connection held for the whole generation) instead of an async v2 job.")
    var sync = false

    @Option(help: ArgumentHelp("The journal of paid requests (default: $XDG_STATE_HOME/ltx-prep/journal.sqlite, else ~/.local/state/ltx-prep/journal.sqlite).", valueName: "path"))
    var journal: String?

    @Flag(help: "Send again a request the journal says was sent with no result seen (it may be billed twice).")
    var again = false

    // For tests: the docs ask for 5 s between polls.
    @Option(name: .customLong("poll-interval"), help: .hidden)
    var pollInterval: Double = 5

    func validate() throws {
        guard pollInterval.isFinite, (0.01...600).contains(pollInterval) else { throw ValidationError("--poll-interval must be from 0.01 to 600 seconds") }
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost must be a number of dollars, 0 or more") }
    }

    /// An output is needed unless nothing will be written (--dry-run).
    func requireOutput(_ output: String?) throws {
        if output == nil && !dryRun { throw ValidationError("give the output with -o OUTPUT") }
    }

    /// Segmind serves the retake endpoint alone.
    func requireLTX() throws {
        if provider == .segmind { throw ValidationError("Segmind serves retake only") }
    }

    func client(logger: Logger) throws -> LTXAPIClient {
        do throws(ClientError) {
            let configuration = try ClientConfiguration.resolve(provider: provider.provider, apiKey: apiKey, baseURL: baseURL,
                                                                environment: ClientConfiguration.processEnvironment)
            return LTXAPIClient(configuration: configuration, logger: logger)
        } catch {
            throw CommandFailure(error.description, status: .unusable)
        }
    }

    /// --poll-interval, or LTX_PREP_POLL_INTERVAL (for tests), within 0.01 to 600 s.
    var effectivePollInterval: Double {
        let fromEnvironment = ClientConfiguration.processEnvironment["LTX_PREP_POLL_INTERVAL"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        return min(600, max(0.01, fromEnvironment ?? pollInterval))
    }

    /// The journal, opened before anything is paid; one line and exit 2 if it cannot be.
    func openJournal() async throws -> Journal {
        let path = journal ?? Journal.defaultPath(environment: ClientConfiguration.processEnvironment)
        do throws(JournalError) { return try await Journal.open(path) } catch {
            throw CommandFailure(error.description, status: .unusable)
        }
    }

    /// Prints the estimate, enforces --max-cost, and asks on a terminal.
    func approve(_ estimate: Pricing.Estimate?, what: String) throws(WorkflowError) {
        if let estimate {
            Console.note("estimated cost of \(what): \(estimate)")
            if let maxCost, estimate.dollars > maxCost + 1e-9 {
                throw .refused("the estimate ($\(Pricing.format(estimate.dollars))) is above --max-cost ($\(Pricing.format(maxCost))); nothing was sent")
            }
        } else {
            Console.note("no documented price for \(what) with \(provider.rawValue)")
            if maxCost != nil {
                throw .refused("--max-cost cannot be honoured: \(provider.rawValue) documents no price for \(what); nothing was sent")
            }
        }
        guard !dryRun, !yes, Console.stdinIsTerminal, Console.stderrIsTerminal else { return }
        Console.prompt("Proceed with the paid call? [y/N] ")
        guard let answer = readLine(), answer.lowercased().hasPrefix("y") else {
            throw .refused("not confirmed; nothing was sent")
        }
    }
}

enum ProviderChoice: String, ExpressibleByArgument, CaseIterable {
    case ltx, segmind
    var provider: Provider { self == .ltx ? .ltx : .segmind }
}
