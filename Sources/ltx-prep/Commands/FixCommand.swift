import ArgumentParser
import LTXPreflight
import LTXWorkflow

struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Make a file conform to the LTX API's rules by the cheapest path that keeps the most quality.",
        discussion: """
            Plans the fewest operations that make INPUT conform, cheapest first: nothing
            (a byte copy); a remux into MP4; a window cut by stream copy from a keyframe;
            re-encoding only the streams and the part of the timeline that need it
            (video to H.264 with libx264, audio to AAC-LC). Then writes OUTPUT through a
            temporary file in its folder, checks the result as the API would, and
            renames it into place: an interrupted or failed fix leaves nothing under
            OUTPUT, and the input is never modified.

            A clip over 21 s (or 505 frames) is cut to a window around the retake
            section, so give --start and --duration; the result says where the window
            sits in the input and where the section starts inside it. A clip over by
            less than a second loses its tail instead, no section needed. A clip under
            73 frames is padded by holding its last frame; the padding is reported so
            that a result can be trimmed back. Too large for --deliver data-uri (or
            --max-bytes): re-encoded to a bit rate that fits 90% of the limit, checked,
            and tried once lower if it still misses.

            Examples:
              ltx-prep fix clip.webm -o clip.mp4
              ltx-prep fix long.mp4 --start 28 --duration 4 -o window.mp4
              ltx-prep fix voice.wav --for audio-to-video -o voice.m4a
              ltx-prep fix clip.mov --plan

            Exit status: 0 written and conformant; 1 the result would still break a
            rule (nothing written); 2 the input cannot be read or fixed, the output
            exists, or the arguments are wrong; 128 + the signal when interrupted (130
            Ctrl-C, 143 SIGTERM, 129 SIGHUP; nothing written).
            """
    )

    @Argument(help: "The file to fix.") var input: String
    @Option(name: .shortAndLong, help: "Where to write the result: .mp4 for video, .m4a for audio, .png for images.") var output: String?
    @OptionGroup var target: RequestOptions

    @Option(help: "Quality of re-encoded video, 1 to 51: lower is better.") var crf: Int = 18
    @Option(help: "libx264 preset: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower or veryslow.") var preset: String = "medium"
    @Option(help: ArgumentHelp("For audio-to-video: where in a longer audio the 20 s kept begin (default: its start).", valueName: "seconds"))
    var audioStart: Double?
    @Flag(help: "Print the plan and stop; write nothing.") var plan = false
    @Flag(help: "The plan, what was done and the output's check, as one JSON object.") var json = false
    @Flag(help: "Replace OUTPUT if it exists.") var force = false
    @Flag(help: "No status or progress lines on stderr (off a terminal they come every 5 s).") var quiet = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if !plan && output == nil { throw ValidationError("give the output with -o OUTPUT, or --plan to only plan") }
        try Bounds.check("--crf", crf, 1...51)
        try Bounds.check("--audio-start", audioStart, 0...1_000_000, " seconds")
        guard FixOptions.presets.contains(preset) else { throw ValidationError("--preset must be one of \(FixOptions.presets.sorted().joined(separator: ", "))") }
    }

    func run() async throws {
        _ = global.bootstrap()
        let request = FixRequest(check: target.request(), output: output ?? "", force: force,
                                 options: FixOptions(crf: crf, preset: preset, audioStart: audioStart))

        if plan {
            do throws(FixError) {
                let (report, fixPlan) = try await Fixer.plan(input, request)
                Console.out(json ? JSONOutput.line(FixPlanReport(report, plan: fixPlan)) : fixPlan.text(for: input))
                return
            } catch { try fail(error) }
        }

        // The plan is said before the work starts, which can take minutes.
        let planned: (report: CheckReport, plan: FixPlan)
        do throws(FixError) { planned = try await Fixer.plan(input, request) } catch { try fail(error) }
        let input = input, json = json
        switch await interruptibly(quiet: json || quiet, { bar throws(FixError) in
            try await Fixer.fix(planned.report, request, plan: planned.plan, progress: { bar.show($0) }) { plan in
                if !json { Console.out(plan.text(for: input)) }
            }
        }) {
        case .success(let outcome): Console.out(json ? JSONOutput.line(outcome) : outcome.resultText)
        case .failure(let error): try fail(error)
        }
    }

    private func fail(_ error: FixError) throws -> Never {
        Console.error(error.commandLineText)
        if json {
            // A result that still breaks a rule has its report; any other failure its error object.
            if case .notConformant(_, let report) = error { Console.out(JSONOutput.line(report)) } else {
                Console.out(JSONOutput.line(ErrorReport(error, message: error.commandLineText)))
            }
        }
        switch error {
        case .cancelled: throw ExitCode(Interrupt.exitStatus)
        case .notConformant: throw ExitCode(ExitStatus.nonConformant.rawValue)
        default: throw ExitCode(ExitStatus.unusable.rawValue)
        }
    }
}
