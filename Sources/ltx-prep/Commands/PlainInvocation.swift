import LTXMedia
import LTXPreflight

/// `ltx-prep probe|check [--json] FILE...`, the call a script makes once per
/// file, taken without ArgumentParser: building its tree of every command
/// and reflecting over their options cost a probe of a WebM about 7% of its
/// CPU time. Only that exact shape is taken, with the options' defaults; any
/// other word starting with "-" (an option, `--`, `-`), an empty word, `help`
/// or a second `--json` leaves it to ArgumentParser, which parses as before.
struct PlainInvocation: Equatable {
    enum Command: String { case probe, check }

    let command: Command
    let files: [String]
    let json: Bool

    /// `arguments` without the program's name.
    init?(arguments: [String]) {
        guard let first = arguments.first, let command = Command(rawValue: first) else { return nil }
        var files: [String] = []
        var json = false
        for word in arguments.dropFirst() {
            if word == "--json" && !json {
                json = true
            } else if let initial = word.first, initial != "-", word != "help" {
                files.append(word)
            } else {
                return nil
            }
        }
        guard !files.isEmpty else { return nil }
        (self.command, self.files, self.json) = (command, files, json)
    }

    /// What `check` is asked without options: the endpoint from each file, delivery by upload.
    static let defaultCheck = CheckRequest()

    /// The default --timeout, as ArgumentParser's path gives it.
    private static var options: ProbeOptions { ProbeOptions(timeoutSeconds: GlobalOptions.defaultTimeout) }

    /// probe's exit status: 0 when every file was read.
    private static func status(allRead: Bool) -> Int32 { (allRead ? ExitStatus.conformant : .unusable).rawValue }

    /// Runs the command as ArgumentParser's path would with the default options; returns the exit status.
    func run() async -> Int32 {
        let logger = GlobalOptions.bootstrap(verbose: false)
        switch command {
        case .probe: return Self.status(allRead: await ProbeCommand.probe(files, json: json, options: Self.options))
        case .check: return await CheckCommand.check(files, Self.defaultCheck, json: json, quiet: false, options: Self.options, logger: logger).rawValue
        }
    }

    /// One file: probed on this thread, with no task or thread started. The
    /// Dispatch thread and the cooperative pool that `run` wakes for it
    /// cost a one-file check more than the file's own work (their threads'
    /// stacks and malloc arenas). Prints what `run` prints; nil for several files.
    func runOnThisThread() -> Int32? {
        guard files.count == 1, let file = files.first else { return nil }
        _ = GlobalOptions.bootstrap(verbose: false)
        switch command {
        case .probe:
            let result = Result { () throws(MediaError) in try MediaProbe.probeBlocking(file, options: Self.options) }
            return Self.status(allRead: ProbeCommand.print(file, result, json: json, text: \.text) != nil)
        case .check:
            return CheckCommand.print(file, Preflight.checkBlocking(file, Self.defaultCheck, options: Self.options), json: json, quiet: false).rawValue
        }
    }
}
