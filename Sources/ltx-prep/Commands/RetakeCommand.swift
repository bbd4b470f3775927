import ArgumentParser
import LTXClient
import LTXMedia
import LTXPreflight

/// Runs `body`, turning a `CommandFailure` into its line and exit status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do { try await body() } catch let failure as CommandFailure {
        Console.error(failure.message)
        throw ExitCode(failure.status.rawValue)
    }
}

let callExitStatus = """
    Exit status: 0 done; 2 the input cannot be used, the arguments are wrong, no key, or the \
    call was refused (--max-cost, not confirmed); 3 the API answered an error (its status, \
    type, message and x-request-id are printed); 4 the network failed or the download was cut \
    (nothing is left under the output's name); 130 interrupted.
    """

struct RetakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake",
        abstract: "Check, fix if needed, upload and retake a section of a video, and download the result.",
        discussion: """
            The input is checked as `ltx-prep check` does and, if it breaks a rule, fixed as \
            `ltx-prep fix` would (the plan is printed). A clip over 21 s is cut to a window \
            around the section, which is then retaken: the result is the retaken window, and \
            --json says where it sits in the original. The estimated cost ($0.10 per second \
            of input for LTX) is printed before the call.

            Examples:
              ltx-prep retake clip.mov --start 12 --duration 4 --prompt "the cup falls" -o out.mp4
              ltx-prep retake clip.mp4 --start 2 --duration 3 --provider segmind -o out.mp4
              ltx-prep retake clip.mp4 --start 2 --duration 3 --dry-run

            \(callExitStatus)
            """
    )

    @Argument(help: "The video to retake.")
    var input: String

    @Option(help: ArgumentHelp("Section start_time, in seconds.", valueName: "seconds"))
    var start: Double

    @Option(help: ArgumentHelp("Section duration, in seconds (at least 2).", valueName: "seconds"))
    var duration: Double

    @Option(help: "What the section should become.")
    var prompt: String?

    @Option(help: "replace_audio, replace_video or replace_audio_and_video (the API's default).")
    var mode: String?

    @Option(help: "The model (the API's default, ltx-2-pro, when omitted).")
    var model: String?

    @Option(name: .shortAndLong, help: "Where to write the result.")
    var output: String?

    @Option(help: "How the video reaches the API: upload (LTX's default), data-uri (Segmind's default) or url.")
    var deliver: DeliveryMode?

    @Option(help: "With --deliver url: the https URL the API fetches the video from. Checked first: https, a domain name, and a HEAD for status, redirects and size.")
    var url: String?

    @Flag(help: "Replace the output if it exists.")
    var force = false

    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        if let mode, RetakeMode(rawValue: mode) == nil {
            throw ValidationError("--mode must be replace_audio, replace_video or replace_audio_and_video")
        }
        guard start.isFinite, duration.isFinite else { throw ValidationError("--start and --duration must be numbers") }
        if client.provider == .segmind && deliver == .upload { throw ValidationError("Segmind takes a data URI or an https URL, not an upload") }
        if client.provider == .segmind && model != nil { throw ValidationError("Segmind's retake takes no --model") }
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let output = self.output ?? "/dev/null"
            let mode = deliver ?? (client.provider == .segmind ? .dataURI : .upload)
            if !client.dryRun { try APICall.checkOutput(output, inputs: [input], force: force) }
            let api = try client.client(logger: logger)
            let request = CheckRequest(endpoint: .retake, section: RetakeSection(start: start, duration: duration),
                                       delivery: mode.delivery, prompt: prompt)
            let prepared = try await APICall.prepare(input, request, beside: output, json: client.json)
            defer { prepared.discard() }
            let sectionStart = prepared.fix?.window?.sectionStart ?? start
            let seconds = prepared.report.media.primaryVideo?.duration ?? prepared.report.media.duration ?? 0
            try client.approve(Pricing.estimate(endpoint: .retake, provider: client.provider.provider, seconds: seconds), what: "this retake")

            let path = client.provider == .segmind ? "/v1/ltx-retake-video" : "/v1/retake"
            var body = RetakeBody(videoURI: APICall.marker, startTime: sectionStart, duration: duration, prompt: prompt, mode: self.mode, model: model)
            if client.dryRun {
                APICall.printRequest(path, body)
                return
            }
            let status = StatusLine(enabled: !client.json && Console.stderrIsTerminal)
            body.videoURI = try await APICall.deliver(prepared, mode: mode, url: url, client: api, status: status)
            let result = try await APICall.run(path, body: body, inline: mode == .dataURI ? prepared : nil, output: output,
                                               client: api, status: status)
            let window = prepared.fix?.window
            APICall.report(result, output: output, json: client.json, fix: prepared.fix?.plan, window: window,
                           note: window.map { "the result is the window \($0.inputStart) s to \($0.inputStart + $0.duration) s of \(input); the section starts at \(sectionStart) s in it" })
        }
    }
}

/// `--json` for the API commands.
struct CallResult: Encodable {
    var generated: Generated
    var fix: FixPlan?
    var window: FixOutcome.WindowMapping?
}
