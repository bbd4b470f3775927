import ArgumentParser
import LTXContract
import LTXMedia
import LTXPreflight
import LTXReview
import LTXWorkflow

struct RetakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake",
        abstract: "Retake sections and get the whole video back, only they changed.",
        usage: "ltx-prep retake <input> --start <s> --duration <s> [<options>]",
        discussion: """
            Each section is sent with --context seconds on each side (default 2;
            LTX bills $0.10 per second sent), widened to the API's 73 frames and
            started on a keyframe when that adds at most 1 s (else cut exactly).
            Sections whose windows touch share one call. The total is printed
            before anything is paid.

            Each answer is put back into the input: the output has the input's
            container, codec, size, rotation and frame count, and GOPs away from
            the sections are copied bit for bit (see `ltx-prep splice`).
            --window-only sends the same window (and pays the same) but writes
            the API's answer for it as it came, without the splice.

            The input is checked and, if it breaks a rule, fixed first, as
            `ltx-prep fix` would (the plan is printed).

            --provider segmind sends it to Segmind's retake instead: a data URI or an
            https URL (no upload), no --model, always synchronous, no documented price.

            Examples:
              ltx-prep retake clip.mov --start 12 --duration 4 \\
                --prompt "the cup falls" -o out.mp4
              ltx-prep retake clip.mp4 --section 3:2 --section 20:4 \\
                --prompt "rain" -o out.mp4
              ltx-prep retake clip.mp4 --start 2 --duration 3 --dry-run
              ltx-prep retake clip.mp4 --start 2 --duration 3 \\
                --provider segmind -o out.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The video to retake.") var input: String
    @OptionGroup var sections: SectionOptions

    @Option(help: ArgumentHelp("Seconds sent on each side of a section ($0.10 each).", valueName: "seconds")) var context: Double = 2
    @Flag(help: "Write the API's answer for the window as it came.") var windowOnly = false
    @Option(help: "What the section should become.") var prompt: String?
    @Option(help: "What the answer replaces (default: the API's, replace_audio_and_video).") var mode: RetakeMode?
    @Option(help: "The answer's size, 1920x1080 or 1080x1920 (LTX; default: the API's, by the input's orientation).")
    var resolution: RetakeResolution?
    @Option(help: "The model (LTX only; default: the API's, \(Catalogue.defaultModel(.retake)), the only one retake takes).") var model: String?
    @Option(name: .shortAndLong, help: "Where to write the result.") var output: String?
    @Option(help: "How the video reaches the API (default: upload; data-uri for Segmind).") var deliver: Delivery?
    @Option(help: "With --deliver url: the video's https URL, checked first (a domain name; a HEAD for status, redirects and size).") var url: String?
    @Flag(help: "Replace the output if it exists.") var force = false
    @OptionGroup var review: ReviewOption
    @OptionGroup var serving: ProviderOption
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        if windowOnly, try sections.sections().count > 1 { throw ValidationError("--window-only takes one section") }
        try Bounds.check("--context", context, 0...21, " seconds")
        try review.check([input, output])
        if windowOnly, review.path != nil { throw ValidationError("--review looks at the whole video put back: it takes no --window-only") }
        if let why = WholeRetakeRequest.refusal(provider: serving.provider, delivery: deliver, model: model, resolution: resolution) { throw ValidationError(why.commandLineText) }
    }

    func run() async throws {
        let logger = global.bootstrap()
        let request = WholeRetakeRequest(input: input, sections: try sections.sections(), context: context, prompt: prompt, mode: mode, model: model,
                                         resolution: resolution,
                                         provider: serving.provider, delivery: deliver, url: url, output: output ?? "/dev/null")
        guard windowOnly else {
            let outcome = try await APICall.performWholeRetake(request, options: client, force: force, logger: logger)
            return try await review.write { () async throws(MediaError) in try await EditReview.retake(outcome) }
        }
        try await APICall.performWindowOnlyRetake(request, options: client, force: force, logger: logger)
    }
}
