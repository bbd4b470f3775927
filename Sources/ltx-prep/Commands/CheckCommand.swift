import ArgumentParser
import LTXMedia
import LTXPreflight

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files against the LTX API's input rules, before paying for a call.",
        discussion: """
            Each file is probed locally (container, codecs, exact frame count, AAC profile as
            a decoder sees it) and checked against the rules of the endpoint it is for. Every
            rule prints one line: PASS, WARN or FAIL, what the file has, what the API requires,
            and the fix `ltx-prep fix` would apply.

            Without --for, the endpoint follows from the file: a video is checked for retake
            (video_uri), audio for audio-to-video (audio_uri), an image for image-to-video
            (image_uri). Several files are checked at once, on all cores.

            Examples:
              ltx-prep check clip.mov
              ltx-prep check clip.mov --start 12 --duration 4
              ltx-prep check voice.m4a --deliver data-uri
              ltx-prep check *.mp4 --json | jq 'select(.conformant | not) | .file'

            --json prints one object per file per line: {"file", "endpoint", "input",
            "delivery", "conformant", "errors", "warnings", "findings": [{"rule", "severity",
            "actual", "required", "fix", "fix_action"}], "effective_section", "media": {...}}.
            A file that cannot be read prints {"file", "error": {"kind", "message", "code"}}.

            Exit status: 0 all conform, 1 a file does not conform, 2 a file cannot be read
            or the arguments are wrong.
            """
    )

    @Argument(help: "Video, audio or image files to check.")
    var files: [String]

    @Option(name: .customLong("for"), help: "The endpoint the files are for (default: from each file).")
    var endpoint: InputEndpoint?

    @Option(help: ArgumentHelp("Retake section start_time, in seconds.", valueName: "seconds"))
    var start: Double?

    @Option(help: ArgumentHelp("Retake section duration, in seconds (at least 2).", valueName: "seconds"))
    var duration: Double?

    @Option(help: "Retake prompt, to check its length.")
    var prompt: String?

    @Option(help: "How the file will reach the API; sets the size limit.")
    var deliver: DeliveryChoice = .upload

    @Flag(help: "Print one JSON object per file per line instead of text.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the verdict line and the rules that do not pass.")
    var quiet = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("no file given") }
        if (start == nil) != (duration == nil) {
            throw ValidationError("--start and --duration go together: give both or neither")
        }
        if let e = endpoint, e != .retake, start != nil || prompt != nil {
            throw ValidationError("--start, --duration and --prompt are retake parameters; they do not apply to --for \(e.rawValue)")
        }
        for value in [start, duration].compactMap({ $0 }) where !value.isFinite {
            throw ValidationError("--start and --duration must be finite numbers")
        }
    }

    func run() async throws {
        let logger = global.bootstrap()
        let request = CheckRequest(endpoint: endpoint?.endpoint,
                                   section: start.flatMap { s in duration.map { RetakeSection(start: s, duration: $0) } },
                                   delivery: deliver.delivery, prompt: prompt)
        logger.debug("checking \(files.count) file(s) on up to \(Preflight.defaultConcurrency) threads")
        let results = await Preflight.checkAll(files, request, options: global.probeOptions)

        var status = ExitStatus.conformant
        let printer = ReportPrinter(color: Console.useColor, quiet: quiet)
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let report):
                status = max(status, report.conformant ? .conformant : .nonConformant)
                Console.out(json ? JSONOutput.line(report) : printer.render(report))
            case .failure(let error):
                status = .unusable
                Console.error(error.description)
                if json { Console.out(JSONOutput.line(JSONOutput.Failure(file, error))) }
            }
        }
        if status != .conformant { throw ExitCode(status.rawValue) }
    }
}

/// The endpoints that take a file.
enum InputEndpoint: String, ExpressibleByArgument, CaseIterable {
    case retake
    case audioToVideo = "audio-to-video"
    case imageToVideo = "image-to-video"

    var endpoint: Endpoint {
        switch self {
        case .retake: .retake
        case .audioToVideo: .audioToVideo
        case .imageToVideo: .imageToVideo
        }
    }
}

enum DeliveryChoice: String, ExpressibleByArgument, CaseIterable {
    case upload
    case url
    case dataURI = "data-uri"

    var delivery: Delivery { Delivery(rawValue: rawValue)! }

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
