import ArgumentParser
import LTXContract
import LTXMedia
import LTXReview
import LTXWorkflow

struct SpliceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "splice",
        abstract: "Put a retake's answer back into its video.",
        usage: "ltx-prep splice <original> <answer> --window-start <s> [<options>]",
        discussion: """
            For an answer obtained elsewhere (the web console, another client): ORIGINAL \
            comes back whole, in its own container, codec, size, rotation and frame count, \
            with only the sections taken from ANSWER. GOPs that do not touch a section are \
            copied bit for bit; the GOPs that do are encoded again. --window-start says \
            where ANSWER's first frame sits in ORIGINAL.

            Examples:
              ltx-prep splice clip.mp4 answer.mp4 --window-start 10 \\
                --start 12 --duration 4 -o clip-new.mp4
              ltx-prep splice clip.mp4 answer.mp4 --window-start 10 \\
                --section 12:4 --section 18:2 --mode replace_video -o out.mp4

            Exit status: 0 written; 2 an input cannot be read or spliced, the output \
            exists, or the arguments are wrong (nothing written); 128 + the signal when \
            interrupted (nothing written).
            """
    )

    @Argument(help: "The video the answer was cut from.") var original: String
    @Argument(help: "The API's answer for the window.") var answer: String
    @Option(help: ArgumentHelp("Seconds into ORIGINAL where ANSWER's first frame sits.", valueName: "seconds")) var windowStart: Double
    @OptionGroup var sections: SectionOptions

    @Option(help: "What the answer replaces (default: replace_audio_and_video).") var mode: RetakeMode?
    @Option(name: .shortAndLong, help: "Where to write the whole video.") var output: String
    @Flag(help: "Replace OUTPUT if it exists.") var force = false
    @OptionGroup var review: ReviewOption
    @Flag(help: "Print what was written as JSON.") var json = false
    @Flag(help: "No status or progress lines on stderr (off a terminal they come every 5 s).") var quiet = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try Bounds.check("--window-start", windowStart, 0...1_000_000, " seconds")
        try review.check([original, answer, output])
    }

    func run() async throws {
        _ = global.bootstrap()
        let request = SpliceRequest(original: original,
                                    pieces: try sections.sections().map { SpliceJob.Piece(answer: answer, answerStart: windowStart, section: $0) },
                                    mode: mode ?? .replaceAudioAndVideo, output: output, force: force)
        try await reportingFailures(json: json) {
            let outcome = try await interruptibly(quiet: json || quiet) { bar throws(WorkflowError) in try await Splicer.splice(request) { bar.show($0) } }.get()
            Console.out(json ? JSONOutput.line(outcome) : outcome.text)
            try await review.write { () async throws(MediaError) in try await EditReview.splice(outcome) }
        }
    }
}
