import ArgumentParser

@main
enum Main {
    /// ArgumentParser exits 64 on a usage error; ltx-prep documents 2 for
    /// every input it cannot use, arguments included, and says it in one line.
    static func main() async {
        if let plain = PlainInvocation(arguments: Array(CommandLine.arguments.dropFirst())) {
            if let status = plain.runOnThisThread() { Console.exit(status) }
            Console.exit(await plain.run())
        }
        do {
            var command = try LTXPrep.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if LTXPrep.exitCode(for: error) == .validationFailure {
                let message = LTXPrep.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                Console.error("\(message) (see 'ltx-prep \(subcommandName.map { "\($0) " } ?? "")--help')")
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
