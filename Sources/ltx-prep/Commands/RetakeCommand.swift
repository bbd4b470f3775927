import ArgumentParser
import LTXContract
import LTXPreflight
import LTXWorkflow

struct RetakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake",
        abstract: "Check, fix if needed, upload and retake a section of a video, and download the result.",
        usage: "ltx-prep retake <input> --start <s> --duration <s> [<options>]",
        discussion: """
            The input is checked as `ltx-prep check` does and, if it breaks a rule,
            fixed as `ltx-prep fix` would (the plan is printed). A clip over 21 s is cut
            to a window around the section, which is then retaken: the result is the
            retaken window, and --json says where it sits in the original. The
            estimated cost ($0.10 per second of input for LTX) is printed before
            the call.

            --provider segmind sends it to Segmind's retake instead: a data URI or an
            https URL (no upload), no --model, always synchronous, no documented price.

            Examples:
              ltx-prep retake clip.mov --start 12 --duration 4 --prompt "the cup falls" \\
                -o out.mp4
              ltx-prep retake clip.mp4 --start 2 --duration 3 --provider segmind \\
                -o out.mp4
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

    @Option(help: "The model (LTX only; default: the API's, ltx-2-pro).")
    var model: String?

    @Option(name: .shortAndLong, help: "Where to write the result.")
    var output: String?

    @Option(help: "How the video reaches the API (default: upload; data-uri for Segmind).")
    var deliver: Delivery?

    @Option(help: "With --deliver url: the video's https URL, checked first (a domain name; a HEAD for status, redirects and size).")
    var url: String?

    @Flag(help: "Replace the output if it exists.")
    var force = false

    @OptionGroup var serving: ProviderOption
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        if let mode, RetakeMode(rawValue: mode) == nil {
            throw ValidationError("--mode must be replace_audio, replace_video or replace_audio_and_video")
        }
        guard start.isFinite, duration.isFinite else { throw ValidationError("--start and --duration must be numbers") }
        if serving.provider == .segmind && deliver == .upload { throw ValidationError("Segmind takes a data URI or an https URL, not an upload") }
        if serving.provider == .segmind && model != nil { throw ValidationError("Segmind's retake takes no --model") }
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let output = self.output ?? "/dev/null"
            let job = GenerationJob.retake(input: input, section: RetakeSection(start: start, duration: duration), prompt: prompt,
                                           mode: mode.flatMap(RetakeMode.init(rawValue:)), model: model, provider: serving.provider,
                                           delivery: deliver, url: url, output: output)
            let outcome = try await APICall.run(job, options: client, force: force, logger: logger)
            let window = (outcome.fixes.first ?? nil)?.window
            let sectionStart = window?.sectionStart ?? start
            APICall.report(outcome, output: output, json: client.json,
                           note: window.map { "the result is the window \(Format.seconds($0.inputStart)) to \(Format.seconds($0.inputStart + $0.duration)) of \(input); the section starts at \(Format.seconds(sectionStart)) in it" })
        }
    }
}
