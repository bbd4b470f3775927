import LTXClient
import LTXJournal
import Logging

extension Batch {
    /// A batch as `ltx-prep batch` runs it: `source` loaded (a manifest, or a
    /// folder retaken as `folder` says), `shard`'s items taken, the client and
    /// the shard's own journal opened from `settings` (none on a dry run) and
    /// closed after; `explain` says an item's failure in its result;
    /// `ended` hears every result once all have ended, with the journal still
    /// open (a review page reads it). Returns each item's result, in the manifest's order.
    public static func run(_ source: String, folder: BatchSource.FolderRetake?, shard: BatchShard = .whole, settings: CallSettings,
                           concurrency: Int, logger: Logger, progress: @escaping @Sendable (BatchProgress) -> Void = { _ in },
                           finished: @escaping @Sendable (BatchResult) -> Void = { _ in },
                           explain: @escaping @Sendable (WorkflowError) -> String = { $0.description },
                           ended: ([BatchResult], Journal?) async -> Void = { _, _ in }) async throws(WorkflowError) -> [BatchResult] {
        let items = shard.items(try BatchSource.load(source, folder: folder)).map { (index: $0.offset, item: $0.element.item) }
        var settings = settings
        settings.journalPath = settings.journalPath ?? shard.journal(Journal.defaultPath(environment: settings.environment))
        let client = try settings.client(logger: logger)
        let generation = try await settings.openedGeneration()
        let options = BatchOptions(concurrency: concurrency, dryRun: generation.dryRun, maxCost: settings.maxCost, generation: generation,
                                   explain: explain)
        let results = await run(items, client: client, options: options, progress: progress, finished: finished)
        await ended(results, generation.journal)
        await generation.journal?.close()
        return results
    }
}
