import ArgumentParser
import LTXWorkflow

@main
enum Main {
    /// ArgumentParser exits 64 on a usage error; ltx-prep documents 2 for
    /// every input it cannot use, arguments included, and says it in one line.
    static func main() async {
        if let plain = PlainInvocation(arguments: Array(CommandLine.arguments.dropFirst())) {
            if let status = plain.runOnThisThread() { Console.exit(status) }
            Console.exit(await plain.run())
        }
        let words = NegativeNumbers.joined(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try LTXPrep.parseAsRoot(words)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if LTXPrep.exitCode(for: error) == .validationFailure {
                let message = LTXPrep.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                let line = "\(message) (see 'ltx-prep \(subcommandName.map { "\($0) " } ?? "")--help')"
                Console.error(line)
                // A script that asked for JSON reads stdout: it gets the error there too.
                if words.prefix(while: { $0 != "--" }).contains("--json") { Console.out(JSONOutput.line(ErrorReport(arguments: line))) }
                Console.exit(ExitStatus.unusable.rawValue)
            }
            LTXPrep.exit(withError: error)
        }
    }

    /// The subcommand named on the command line, for pointing at its help.
    static var subcommandName: String? {
        let names = LTXPrep.configuration.subcommands.compactMap { $0.configuration.commandName }
        return CommandLine.arguments.dropFirst().first { names.contains($0) }
    }
}
