/// `ltx-prep probe [--json] FILE...`, the call a script makes once per file,
/// taken without ArgumentParser: building its tree of every command and
/// reflecting over their options cost a probe of a WebM about 7% of its CPU
/// time. Only that exact shape is taken, with the options' defaults; any
/// other word starting with "-" (an option, `--`, `-`), an empty word, `help`
/// or a second `--json` leaves it to ArgumentParser, which parses as before.
struct ProbeFastPath: Equatable {
    let files: [String]
    let json: Bool

    /// `arguments` without the program's name.
    init?(arguments: [String]) {
        guard arguments.first == "probe" else { return nil }
        var files: [String] = []
        var json = false
        for word in arguments.dropFirst() {
            if word == "--json" && !json {
                json = true
            } else if let first = word.first, first != "-", word != "help" {
                files.append(word)
            } else {
                return nil
            }
        }
        guard !files.isEmpty else { return nil }
        self.files = files
        self.json = json
    }

    /// Runs the probe as `ProbeCommand` would with the default options, and
    /// returns the exit status.
    func run() async -> Int32 {
        _ = GlobalOptions.bootstrap(verbose: false)
        let readAll = await ProbeCommand.probe(files, json: json, options: GlobalOptions.probeOptions(timeout: GlobalOptions.defaultTimeout))
        return readAll ? ExitStatus.conformant.rawValue : ExitStatus.unusable.rawValue
    }
}
