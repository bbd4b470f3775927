import ArgumentParser
import LTXFiles
import LTXMedia
import LTXPreflight
import LTXReview
import LTXSystem
import LTXWorkflow
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
              ltx-prep check clips/* --html check.html

            --html FILE.html also writes one page to look at, with a row per file: a
            picture from about one second in (upright, as a player shows it), the
            verdict, the rules that do not pass with what the file has, what is
            required and the fix, and the plan `ltx-prep fix FILE --plan` prints. A
            file that cannot be read has its row with the error line. The pictures are
            inside the page; it needs no network and no JavaScript. The text (or
            --json) report is printed as without it.

            --json prints one object per file per line: {"file", "endpoint", "input",
            "delivery", "conformant", "errors", "warnings", "findings": [{"rule",
            "severity", "actual", "required", "fix", "fix_action"}], "effective_section",
            "media": {...}}. A file that cannot be read prints {"file", "error":
            {"kind", "message", "code"}}.

            Exit status: 0 all conform, 1 a file does not conform, 2 a file cannot be
            read, the page cannot be written, or the arguments are wrong.
            """
    )

    @Argument(help: "Video, audio or image files to check.") var files: [String]
    @OptionGroup var target: RequestOptions

    @Option(help: "Retake prompt, to check its length.") var prompt: String?
    @Flag(help: "One JSON object per file per line instead of text.") var json = false
    @Flag(name: .shortAndLong, help: "Only the verdict and the rules that do not pass.") var quiet = false
    @Option(help: ArgumentHelp("Also write an HTML page: per file a picture, the verdict, the rules that do not pass and fix's plan.",
                               valueName: "file.html"))
    var html: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let why = target.request(prompt: prompt).refusal { throw ValidationError(why.commandLineText) }
        if let html {
            do { try OutputFile.checkFolder(of: html) } catch {
                throw ValidationError("--html \(html): cannot write in \(error.folder) (\(error.errno.message.lowercased()))")
            }
            if let input = files.first(where: { OutputFile.sameFile($0, html) }) { throw ValidationError("--html \(html) is the input \(input)") }
        }
    }

    func run() async throws {
        let request = target.request(prompt: prompt)
        let results = await Self.checkAll(files, request, options: global.probeOptions, logger: global.bootstrap())
        var status = Self.print(files, results, json: json, quiet: quiet)
        if let html {
            do throws(ReviewError) {
                try await Self.page(files, results, request).write(to: html)
            } catch {
                Console.error(error.commandLineText)
                status = .unusable
            }
        }
        if status != .conformant { throw ExitCode(status.rawValue) }
    }

    /// The page of `--html`: each report as `check` printed it, with the plan
    /// `fix --plan` prints for it, and its picture.
    static func page(_ files: [String], _ results: [Result<CheckReport, MediaError>], _ request: CheckRequest) async -> CheckPage {
        CheckPage(rows: await CheckPage.rows(files, results, concurrency: Preflight.defaultConcurrency) { report in
            do throws(FixError) { return try Fixer.plan(report, FixRequest(check: request, output: "")).text(for: report.file) }
            catch { return error.commandLineText }
        })
    }

    /// Checks the files on all cores and prints each report in the order
    /// given; the worst status. Shared with `PlainInvocation`, so both print the same.
    static func check(_ files: [String], _ request: CheckRequest, json: Bool, quiet: Bool, options: ProbeOptions, logger: Logger) async -> ExitStatus {
        print(files, await checkAll(files, request, options: options, logger: logger), json: json, quiet: quiet)
    }

    private static func checkAll(_ files: [String], _ request: CheckRequest, options: ProbeOptions, logger: Logger) async -> [Result<CheckReport, MediaError>] {
        logger.debug("checking \(files.count) file(s) on up to \(Preflight.defaultConcurrency) threads")
        return await Preflight.checkAll(files, request, options: options)
    }

    /// Prints every report in the order given; the worst status.
    private static func print(_ files: [String], _ results: [Result<CheckReport, MediaError>], json: Bool, quiet: Bool) -> ExitStatus {
        zip(files, results).map { print($0, $1, json: json, quiet: quiet) }.max() ?? .conformant
    }

    /// Prints one file's report, or the line saying why it could not be read; its status.
    static func print(_ file: String, _ result: Result<CheckReport, MediaError>, json: Bool, quiet: Bool) -> ExitStatus {
        guard let report = ProbeCommand.print(file, result, json: json, text: { $0.text(color: Console.useColor, quiet: quiet) }) else { return .unusable }
        return report.conformant ? .conformant : .nonConformant
    }
}
