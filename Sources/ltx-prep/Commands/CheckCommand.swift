import ArgumentParser
import LTXMedia
import LTXPreflight
import Logging

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files against the LTX API's input rules, before a paid call.",
        usage: "ltx-prep check <file>... [<options>]",
        discussion: """
            Each file is probed locally (container, codecs, exact frame count, AAC
            profile as a decoder sees it) and checked against the rules of the endpoint
            it is for. Every rule prints one line: PASS, WARN or FAIL, what the file
            has, what the API requires, and the fix `ltx-prep fix` would apply.

            Without --for, the endpoint follows from the file: a video is checked for
            retake (video_uri), audio for audio-to-video (audio_uri), an image for
            image-to-video (image_uri). Several files are checked at once, on all cores.

            Examples:
              ltx-prep check clip.mov
              ltx-prep check clip.mov --start 12 --duration 4
              ltx-prep check voice.m4a --deliver data-uri
              ltx-prep check *.mp4 --json | jq 'select(.conformant | not) | .file'

            --json prints one object per file per line: {"file", "endpoint", "input",
            "delivery", "conformant", "errors", "warnings", "findings": [{"rule",
            "severity", "actual", "required", "fix", "fix_action"}], "effective_section",
            "media": {...}}. A file that cannot be read prints {"file", "error":
            {"kind", "message", "code"}}.

            Exit status: 0 all conform, 1 a file does not conform, 2 a file cannot be
            read or the arguments are wrong.
            """
    )

    @Argument(help: "Video, audio or image files to check.") var files: [String]
    @OptionGroup var target: RequestOptions

    @Option(help: "Retake prompt, to check its length.") var prompt: String?
    @Flag(help: "One JSON object per file per line instead of text.") var json = false
    @Flag(name: .shortAndLong, help: "Only the verdict and the rules that do not pass.") var quiet = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let why = target.request(prompt: prompt).refusal { throw ValidationError(why.commandLineText) }
    }

    func run() async throws {
        let status = await Self.check(files, target.request(prompt: prompt), json: json, quiet: quiet, options: global.probeOptions,
                                      logger: global.bootstrap())
        if status != .conformant { throw ExitCode(status.rawValue) }
    }

    /// Checks the files on all cores and prints each report in the order
    /// given; the worst status. Shared with `PlainInvocation`, so both print the same.
    static func check(_ files: [String], _ request: CheckRequest, json: Bool, quiet: Bool, options: ProbeOptions, logger: Logger) async -> ExitStatus {
        logger.debug("checking \(files.count) file(s) on up to \(Preflight.defaultConcurrency) threads")
        let results = await Preflight.checkAll(files, request, options: options)
        return zip(files, results).map { print($0, $1, json: json, quiet: quiet) }.max() ?? .conformant
    }

    /// Prints one file's report, or the line saying why it could not be read; its status.
    static func print(_ file: String, _ result: Result<CheckReport, MediaError>, json: Bool, quiet: Bool) -> ExitStatus {
        guard let report = ProbeCommand.print(file, result, json: json, text: { $0.text(color: Console.useColor, quiet: quiet) }) else { return .unusable }
        return report.conformant ? .conformant : .nonConformant
    }
}
