import ArgumentParser
import LTXMedia
import Logging

struct LTXPrep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltx-prep",
        abstract: "Get media accepted by the LTX-2 video API the first time.",
        discussion: """
            ltx-prep probes files locally with FFmpeg's libraries and says exactly which
            API rule each one breaks, before a paid upload does; fixes them by the
            cheapest path; and drives the retake, audio-, text- and image-to-video calls
            from end to end.

            Typical use:
              ltx-prep check clip.mov
              ltx-prep fix clip.mov -o clip.mp4
              ltx-prep retake clip.mov --start 12 --duration 4 --prompt "..." -o out.mp4

            Exit status of check and probe: 0 every file conforms (probe: was read),
            1 a file does not conform, 2 a file cannot be read or the arguments are
            wrong. fix and the API commands document theirs in their own --help.
            """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, FixCommand.self, ProbeCommand.self, RetakeCommand.self, ExtendCommand.self, SpliceCommand.self,
                      ReframeCommand.self, HDRCommand.self, AudioToVideoCommand.self,
                      TextToVideoCommand.self, ImageToVideoCommand.self, UploadCommand.self, BatchCommand.self, JobsCommand.self, ModelsCommand.self, ReviewCommand.self,
                      SandboxCommand.self]
    )
}

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    /// Also what a plain `probe` or `check` (no ArgumentParser) uses, having no --timeout to read.
    static let defaultTimeout: Double = 30

    @Flag(name: .shortAndLong, help: "Log what is done, and FFmpeg's warnings, to stderr.") var verbose = false
    @Option(help: ArgumentHelp("Give up on a file after this long.", valueName: "seconds")) var timeout: Double = defaultTimeout

    func validate() throws {
        try Bounds.check("--timeout", timeout, 0.001...86_400, " seconds")
    }

    var probeOptions: ProbeOptions { ProbeOptions(timeoutSeconds: timeout) }

    /// Logging to stderr: warnings only unless --verbose.
    func bootstrap() -> Logger { Self.bootstrap(verbose: verbose) }

    static func bootstrap(verbose: Bool) -> Logger {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        FFmpegLog.set(verbose ? .warning : .quiet)
        return Logger(label: "ltx-prep")
    }
}

/// The process's documented exit statuses, for every command.
enum ExitStatus: Int32, Comparable {
    case conformant = 0
    /// check: a file breaks a rule; fix: the result still would.
    case nonConformant = 1
    /// Unreadable or unusable input, bad arguments, no key, a refused call.
    case unusable = 2
    /// The API answered an error.
    case api = 3
    /// The network failed, or a download was cut.
    case network = 4
    /// 128 + the signal (130 for Ctrl-C); see `Interrupt.exitStatus`.
    case interrupted = 130

    static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}
