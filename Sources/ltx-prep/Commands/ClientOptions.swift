import ArgumentParser
import LTXClient
import LTXContract
import LTXWorkflow

/// Where the API is and the key to it: every command that calls it.
struct KeyOptions: ParsableArguments {
    @Option(help: "The API key (default: $LTXV_API_KEY). Never printed.") var apiKey: String?
    @Option(help: "The API's address (default: $LTX_API_BASE_URL, else https://api.ltx.io); plain http to loopback only.") var baseURL: String?
}

/// Who serves the call: retake and batch.
struct ProviderOption: ParsableArguments {
    @Option(help: "ltx, or segmind (key and address from $SEGMIND_API_KEY and $SEGMIND_API_BASE_URL).") var provider: Provider = .ltx
}

/// The commands Segmind does not serve take `--provider` hidden, so that
/// `--provider segmind` gets a line saying so rather than "unknown option".
struct LTXOnlyOption: ParsableArguments {
    @Option var provider: Provider = .ltx

    func validate() throws {
        if provider == .segmind { throw ValidationError("Segmind serves retake only") }
    }
}

extension Provider: ExpressibleByArgument {}

/// Where the journal of paid requests is: every paid call, and `jobs`.
struct JournalPath: ParsableArguments {
    @Option(name: .customLong("journal"),
            help: ArgumentHelp("The journal of paid requests (default: $XDG_STATE_HOME/ltx-prep/journal.sqlite, else the same under ~/.local/state).",
                               valueName: "path"))
    var path: String?
}

/// Options every paid call shares.
struct ClientOptions: ParsableArguments {
    @OptionGroup var key: KeyOptions

    @Option(help: ArgumentHelp("Refuse a call whose estimated price is above this.", valueName: "USD")) var maxCost: Double?
    @Flag(help: "Check, fix, estimate, print the request; send nothing.") var dryRun = false
    @Flag(help: "Do not ask before a paid call on a terminal.") var yes = false
    @Flag(help: "One JSON object with the result instead of text.") var json = false
    @Flag(help: "No status or progress lines on stderr (off a terminal they come every 5 s).") var quiet = false
    // Kept (hidden) so that a script still passing it gets the reason, not "unknown option".
    @Flag(help: .hidden) var sync = false
    @OptionGroup var journal: JournalPath
    @Flag(help: "Send again what the journal says was sent with no result seen (it may be billed twice).") var again = false

    // For tests: the docs ask for 5 s between polls.
    @Option(help: .hidden) var pollInterval: Double = 5

    func validate() throws {
        if sync {
            throw ValidationError("--sync is gone: the LTX API retired its sync v1 generation endpoints after \(Catalogue.syncRetired); "
                                  + "every LTX call is an async v2 job (Segmind's retake stays synchronous)")
        }
        try Bounds.check("--poll-interval", pollInterval, 0.01...600, " seconds")
        try Bounds.check("--max-cost", maxCost, 0...1_000_000, " dollars")
    }

    /// An output is needed unless nothing will be written (--dry-run).
    func requireOutput(_ output: String?) throws {
        if output == nil && !dryRun { throw ValidationError("give the output with -o OUTPUT") }
    }

    /// What these options say, for a call served by `provider` that replaces its output when `force`.
    func settings(_ provider: Provider = .ltx, force: Bool = false) -> CallSettings {
        let environment = ClientConfiguration.processEnvironment
        return CallSettings(provider: provider, apiKey: key.apiKey, baseURL: key.baseURL, journalPath: journal.path, maxCost: maxCost,
                            generation: GenerationOptions(dryRun: dryRun, again: again,
                                                          pollInterval: CallSettings.pollInterval(pollInterval, environment: environment),
                                                          replaceOutput: force),
                            environment: environment)
    }

    /// Asks on a terminal before a paid call, unless --yes or --dry-run.
    func confirm() throws(WorkflowError) {
        guard !dryRun, !yes, Console.stdinIsTerminal, Console.stderrIsTerminal else { return }
        Console.prompt("Proceed with the paid call? [y/N] ")
        guard let answer = readLine(), answer.lowercased().hasPrefix("y") else {
            throw .notConfirmed
        }
    }
}
