import ArgumentParser
import LTXClient
import LTXContract
import LTXJournal
import LTXWorkflow

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many paid calls from a manifest (JSON Lines) or a folder, resumable through the journal.",
        discussion: """
            Each manifest line holds the fields of one command, e.g.
              {"command": "retake", "input": "a.mov", "start": 12, "duration": 4, "prompt": "...", "output": "out/a.mp4"}
            (command: retake, text-to-video, image-to-video or audio-to-video; also image, mode, model, \
            resolution, fps, deliver, provider). With a folder instead, every video in it is retaken \
            with --start, --duration and --prompt into --output-dir.

            Each item is checked, fixed, sent and downloaded; at most --concurrency paid calls run at \
            once while the others are checked and fixed. Running the same batch again skips what is \
            done, resumes what runs, and retries only what failed without being billed.

            Past one machine: --shard I/N takes items I, I+N, I+2N... of the manifest, each shard with \
            its own journal, so N machines (a Kubernetes Indexed Job: --shards N reads \
            JOB_COMPLETION_INDEX; a Slurm array; GNU parallel) split a batch with no coordinator.

            Exit status: 0 every item done; 1 some item was not done (see --report); 2 the manifest \
            cannot be read, the arguments are wrong, or the journal cannot be opened.
            """
    )

    @Argument(help: "A manifest (JSON Lines) or a folder of videos.")
    var source: String

    @Option(help: "Paid calls at once.")
    var concurrency: Int = 2

    @Option(help: ArgumentHelp("This machine's share: I/N takes the items whose index modulo N is I.", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Shards in all, this one's index from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).", valueName: "N"))
    var shards: Int?

    @Option(help: ArgumentHelp("Write one JSON line per item here.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("output-dir"), help: "With a folder: where the results go.")
    var outputDir: String?

    @Option(help: "With a folder: the retake section's start, in seconds.")
    var start: Double?

    @Option(help: "With a folder: the retake section's duration, in seconds.")
    var duration: Double?

    @Option(help: "With a folder: the retake prompt.")
    var prompt: String?

    @Flag(help: "Replace outputs that exist.")
    var force = false

    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be from 1 to 64") }
        if shard != nil && shards != nil { throw ValidationError("give --shard I/N or --shards N, not both") }
        if let shards, !(1...100_000).contains(shards) { throw ValidationError("--shards must be from 1 to 100000") }
        if let shard, Self.parseShard(shard) == nil { throw ValidationError("--shard takes I/N with 0 <= I < N, e.g. 0/4") }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let (index, count) = try share()
            let items = Batch.shard(try loadItems(), index: index, count: count).map { (index: $0.offset, item: $0.element.item) }
            let api = try client.client(logger: logger)
            var journal: Journal?
            if !client.dryRun {
                let path = client.journal ?? Self.shardJournal(Journal.defaultPath(environment: ClientConfiguration.processEnvironment), index, count)
                do throws(JournalError) { journal = try await Journal.open(path) } catch { throw CommandFailure(error.description, status: .unusable) }
            }
            let options = BatchOptions(concurrency: concurrency, dryRun: client.dryRun, maxCost: client.maxCost,
                                       generation: GenerationOptions(sync: client.sync, journal: journal, again: client.again,
                                                                     pollInterval: .milliseconds(Int64(client.effectivePollInterval * 1000)),
                                                                     replaceOutput: force))
            let status = StatusLine(enabled: !client.json && Console.stderrIsTerminal)
            let results = await Batch.run(items, client: api, options: options, progress: { p in
                status.show("\(p.done) of \(p.total) done, \(p.running) running, \(p.failed) not done, $\(Pricing.format(p.spent)) estimated so far")
            }, finished: { r in
                status.clear()
                Console.out(client.json ? JSONOutput.line(r) : Self.line(r))
            })
            status.clear()
            await journal?.close()
            if let report {
                do throws(WorkflowError) { try BatchSource.write(results.map { JSONOutput.line($0) + "\n" }.joined(), to: report) } catch {
                    throw CommandFailure(error)
                }
            }
            let total = results.compactMap(\.estimatedDollars).reduce(0, +)
            let done = results.filter(\.isDone).count
            Console.note(client.dryRun ? "dry run: \(results.filter { $0.status == .wouldSend }.count) of \(results.count) item(s) would be sent, estimated $\(Pricing.format(total)) in all"
                                       : "\(done) of \(results.count) item(s) done; estimated $\(Pricing.format(total)) for the calls made")
            let ok = client.dryRun ? results.allSatisfy { $0.status == .wouldSend } : done == results.count
            if !ok { throw ExitCode(ExitStatus.nonConformant.rawValue) }
        }
    }

    private func share() throws -> (Int, Int) {
        if let shard, let parsed = Self.parseShard(shard) { return parsed }
        if let shards {
            guard let value = ClientConfiguration.processEnvironment["JOB_COMPLETION_INDEX"], let i = Int(value), (0..<shards).contains(i) else {
                throw CommandFailure("--shards needs JOB_COMPLETION_INDEX from 0 to \(shards - 1) (a Kubernetes Indexed Job sets it)", status: .unusable)
            }
            return (i, shards)
        }
        return (0, 1)
    }

    /// Each shard its own journal file, so shards never share one over a network file system.
    static func shardJournal(_ path: String, _ index: Int, _ count: Int) -> String {
        guard count > 1 else { return path }
        return String(path.dropLast(".sqlite".count)) + ".shard-\(index)-of-\(count).sqlite"
    }

    private func loadItems() throws -> [(line: Int, item: Result<BatchItem, WorkflowError>)] {
        let folder = outputDir.flatMap { dir in start.flatMap { s in duration.map { BatchSource.FolderRetake(outputDir: dir, start: s, duration: $0, prompt: prompt) } } }
        do throws(WorkflowError) { return try BatchSource.load(source, folder: folder) } catch { throw CommandFailure(error) }
    }

    static func line(_ r: BatchResult) -> String {
        let cost = r.estimatedDollars.map { " ($\(Pricing.format($0)))" } ?? ""
        let what = r.output ?? r.input
        return "#\(r.index) \(r.status.rawValue)" + (what.map { ": \($0)" } ?? "") + cost + (r.message.map { ": \($0)" } ?? "")
    }
}
