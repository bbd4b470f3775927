import ArgumentParser
import LTXContract
import LTXMedia
import LTXPreflight
import LTXReview
import LTXWorkflow

extension ExtendCall.Edge: ExpressibleByArgument {}

struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Add seconds at a video's end or start and get the whole video back.",
        usage: "ltx-prep extend <input> --duration <s> [--at end|start] [<options>]",
        discussion: """
            Only the context the model needs is sent: the input's last (or, with
            --at start, first) --context seconds. LTX bills $0.10 per second of
            extension AND of context, so the default is small: 2 s, never fewer
            than the 73 frames the API takes (3.04 s at 24 fps). Context and
            extension make at most 505 frames at the input's rate. An end context
            starts on the keyframe before it when that adds at most 1 s (a stream
            copy), else it is cut exactly. The price is printed before anything is
            paid.

            The API takes 16:9 or 9:16: any other shape is padded with black to the
            nearer one for the call, and the extension is cropped back.

            The output is the WHOLE input plus the extension: every packet of the
            input copied bit for bit, the extension encoded to the input's codec,
            size, pixel format, colour and frame rate and joined at a keyframe
            (H.264; other codecs are encoded once whole), the sound continuous
            across the seam (the answer's for the extension, a 10 ms crossfade,
            AAC-LC). A clip without sound gets none. --window-only writes the API's
            answer (context and extension) as it came.

            A paid call is journaled before it is sent: a rerun after a crash or
            Ctrl-C polls or fetches the job again instead of paying twice.

            Examples:
              ltx-prep extend clip.mp4 --duration 4 --prompt "the car drives off" -o longer.mp4
              ltx-prep extend clip.mp4 --duration 3 --at start --context 3 -o longer.mp4
              ltx-prep extend clip.mp4 --duration 4 --dry-run
              ltx-prep extend clip.mp4 --duration 4 --answer answer.mp4 -o longer.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The video to extend.") var input: String
    @Option(help: ArgumentHelp("Seconds to add, 2 to 20.", valueName: "seconds")) var duration: Double
    @Option(help: "Where the seconds go: end (default) or start.") var at: ExtendCall.Edge = .end
    @Option(help: ArgumentHelp("Seconds of the input sent as context, 1 to 20 (each billed; default: 2 s, at least 73 frames).",
                               valueName: "seconds")) var context: Double?
    @Flag(help: "Write the API's answer (context and extension) as it came.") var windowOnly = false
    @Option(help: ArgumentHelp("Join this extend answer, obtained elsewhere, instead of calling the API (nothing is sent or paid).",
                               valueName: "file")) var answer: String?
    @Option(help: "What happens in the added seconds.") var prompt: String?
    @Option(help: "The model (default: the API's, \(Catalogue.defaultModel(.extend)), the only one extend takes).") var model: String?
    @Option(name: .shortAndLong, help: "Where to write the result.") var output: String?
    @Option(help: "How the context reaches the API: upload (default) or data-uri.") var deliver: Delivery?
    @Flag(help: "Replace the output if it exists.") var force = false
    @OptionGroup var review: ReviewOption
    @OptionGroup var serving: LTXOnlyOption
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        try review.check([input, output, answer])
        if windowOnly, review.path != nil { throw ValidationError("--review looks at the whole video put back: it takes no --window-only") }
        if let model, let line = GenerationRules.modelRefusal(model, for: .extend) { throw ValidationError(line) }
        try Bounds.check("--duration", duration, Catalogue.Extend.durations, " seconds")
        try Bounds.check("--context", context, 1...Catalogue.Extend.maxContext, " seconds")
        if answer != nil && (windowOnly || client.dryRun) { throw ValidationError("--answer joins a file: it takes no --window-only or --dry-run") }
        if deliver == .url { throw ValidationError("--deliver url sends a whole file; extend sends a context cut from it: use upload or data-uri") }
    }

    func run() async throws {
        let logger = global.bootstrap()
        let request = WholeExtendRequest(input: input, duration: duration, edge: at, context: context, prompt: prompt, model: model,
                                         delivery: deliver, output: output ?? "/dev/null", windowOnly: windowOnly)
        guard let answer else {
            let outcome = try await APICall.performWholeExtend(request, options: client, force: force, logger: logger)
            return try await review.write { () async throws(MediaError) in try await EditReview.extend(outcome) }
        }
        try await reportingFailures(json: client.json) {
            let outcome = try await interruptibly(quiet: client.json || client.quiet) { bar throws(WorkflowError) in
                try await WholeExtend.join(answer: answer, for: request, force: force) { bar.show($0) }
            }.get()
            Console.out(client.json ? JSONOutput.line(outcome) : outcome.text(what: "with \(outcome.result.frames(.answer)) frames added at its \(at.rawValue)"))
            try await review.write { () async throws(MediaError) in try await EditReview.splice(outcome, edit: "extend") }
        }
    }
}
