import ArgumentParser
import LTXMedia
import LTXReview
import LTXWorkflow

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many paid calls from a manifest or a folder.",
        discussion: """
            Each manifest line holds the fields of one command, e.g.
              {"command": "retake", "input": "a.mov", "start": 12, "duration": 4,
               "prompt": "the cup falls", "output": "out/a.mp4"}
            (command: retake, extend, reframe, text-to-video, image-to-video or
            audio-to-video; also image, mode, model, resolution, fps, deliver,
            provider, window_only; "duration": "auto" asks a 2.5 model for an
            automatic length; an extend line takes "at" (end or start) and
            "context"; a reframe line takes input, output and to (the aspect),
            resolution or both, e.g.
              {"command": "reframe", "input": "a.mp4", "to": "9:16",
               "output": "out/a.mp4"}).
            Retake and extend lines give the whole video back, as the commands
            do. With a folder instead, every video in it is retaken with --start,
            --duration and --prompt into --output-dir.

            Each item is checked, fixed, sent and downloaded; at most --concurrency paid
            calls run at once while the others are checked and fixed. Running the same
            batch again skips what is done, resumes what runs, and retries only what
            failed without being billed. --provider segmind serves retake items only.

            Past one machine: --shard I/N takes items I, I+N, I+2N... of the manifest,
            each shard with its own journal, so N machines (a Kubernetes Indexed Job:
            --shards N reads JOB_COMPLETION_INDEX; a Slurm array; GNU parallel) split a
            batch with no coordinator.

            --review FILE.html also writes one page to look at: a row per item in the
            manifest's order with its status, cost, time, a picture of its output (of its
            input when there is none) and a link to its own review page (the edit's
            frames beside the original's, written in FILE.review/), under the totals the
            last line gives; a click on a column's header sorts by it.

            Exit status: 0 every item done; 1 some item was not done (see --report); 2
            the manifest cannot be read, the arguments are wrong, the journal cannot be
            opened, or the --review page cannot be written.
            """
    )

    @Argument(help: "A manifest (JSON Lines) or a folder of videos.") var source: String
    @Option(help: "Paid calls at once.") var concurrency: Int = 2
    @Option(help: ArgumentHelp("This machine's share: the items whose index modulo N is I.", valueName: "I/N")) var shard: String?
    @Option(help: ArgumentHelp("Shards in all; this one's index comes from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).", valueName: "N"))
    var shards: Int?
    @Option(help: ArgumentHelp("Write one JSON line per item here.", valueName: "file")) var report: String?
    @Option(help: ArgumentHelp("Also write an HTML page: per item its status, cost, time, a picture and a link to its own review.",
                               valueName: "file.html"))
    var review: String?
    @Option(help: ArgumentHelp("With a folder: where the results go.", valueName: "folder")) var outputDir: String?
    @Option(help: ArgumentHelp("With a folder: the retake section's start.", valueName: "seconds")) var start: Double?
    @Option(help: ArgumentHelp("With a folder: the retake section's duration.", valueName: "seconds")) var duration: Double?
    @Option(help: "With a folder: the retake prompt.") var prompt: String?
    @Flag(help: "Replace outputs that exist.") var force = false
    @OptionGroup var serving: ProviderOption
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try Bounds.check("--concurrency", concurrency, 1...64)
        if shard != nil && shards != nil { throw ValidationError("give --shard I/N or --shards N, not both") }
        try Bounds.check("--shards", shards, 1...100_000)
        try Bounds.check("--start", start, SectionRange.start, " seconds")
        try Bounds.check("--duration", duration, SectionRange.duration, " seconds")
        if let review { try ReviewOption.check(page: review, flag: "--review", [source]) }
        if let shard, BatchShard(shard) == nil { throw ValidationError("--shard takes I/N with 0 <= I < N, e.g. 0/4") }
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures(json: client.json) {
            let settings = client.settings(serving.provider, force: force)
            let share = try BatchShard.chosen(shard, shards: shards, environment: settings.environment)
            let folder = BatchSource.FolderRetake.given(outputDir: outputDir, start: start, duration: duration, prompt: prompt)
            let status = StatusLine(quiet: client.json || client.quiet)
            let began = ContinuousClock.now
            var pageError: ReviewError?
            let results = try await Batch.run(source, folder: folder, shard: share, settings: settings, concurrency: concurrency,
                                              logger: logger, progress: { status.show($0.line) }, finished: { r in
                status.clear()
                Console.out(client.json ? JSONOutput.line(r) : r.line)
            }, explain: { $0.commandLineText }, ended: { results, journal in
                // Made while the journal is open: each item's own review reads its calls there.
                guard let review else { return }
                do throws(ReviewError) {
                    try await BatchReview.write(results, summary: BatchSummary(results, dryRun: client.dryRun).text(dryRun: client.dryRun),
                                                seconds: (ContinuousClock.now - began).inSeconds, journal: journal, to: review)
                } catch {
                    pageError = error
                }
            })
            status.clear()
            if let report { try BatchSource.writeReport(results, to: report) }
            let summary = BatchSummary(results, dryRun: client.dryRun)
            Console.note(summary.text(dryRun: client.dryRun))
            if let pageError {
                Console.error(pageError.commandLineText)
                throw ExitCode(ExitStatus.unusable.rawValue)
            }
            if !summary.complete { throw ExitCode(ExitStatus.nonConformant.rawValue) }
        }
    }
}
