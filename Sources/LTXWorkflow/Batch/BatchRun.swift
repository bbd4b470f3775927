import LTXClient
import LTXJournal
import Logging

extension Batch {
    /// A batch as `ltx-prep batch` runs it: `source` loaded (a manifest, or a
    /// folder retaken as `folder` says), `shard`'s items taken, the client and
    /// the shard's own journal opened from `settings` (none on a dry run) and
    /// closed after; `explain` says an item's failure in its result. Returns each item's result, in the manifest's order.
    public static func run(_ source: String, folder: BatchSource.FolderRetake?, shard: BatchShard = .whole, settings: CallSettings,
                           concurrency: Int, logger: Logger, progress: @escaping @Sendable (BatchProgress) -> Void = { _ in },
                           finished: @escaping @Sendable (BatchResult) -> Void = { _ in },
                           explain: @escaping @Sendable (WorkflowError) -> String = { $0.description }) async throws(WorkflowError) -> [BatchResult] {
        let items = shard.items(try BatchSource.load(source, folder: folder)).map { (index: $0.offset, item: $0.element.item) }
        var settings = settings
        settings.journalPath = settings.journalPath ?? shard.journal(Journal.defaultPath(environment: settings.environment))
        let client = try settings.client(logger: logger)
        let generation = try await settings.openedGeneration()
        let options = BatchOptions(concurrency: concurrency, dryRun: generation.dryRun, maxCost: settings.maxCost, generation: generation,
                                   explain: explain)
        let results = await run(items, client: client, options: options, progress: progress, finished: finished)
        await generation.journal?.close()
        return results
    }
}

/// What a batch came to: its last line and its exit status.
public struct BatchSummary: Sendable, Equatable {
    public var items: Int
    /// Written or resumed.
    public var done: Int
    /// Dry run: items that would be sent.
    public var wouldSend: Int
    /// Of the calls made (a dry run: of the calls it would make) that have a price.
    public var estimatedDollars: Double
    /// The items whose calls those are.
    public var priced: Int
    /// The items with a call made (or that would be) of no documented price: in no total.
    public var unpriced: [BatchResult]
    /// Every item done; on a dry run, every item would be sent.
    public var complete: Bool

    public init(_ results: [BatchResult], dryRun: Bool) {
        items = results.count
        done = results.filter(\.isDone).count
        wouldSend = results.filter { $0.status == .wouldSend }.count
        estimatedDollars = results.compactMap(\.estimatedDollars).reduce(0, +)
        priced = results.filter { $0.estimatedDollars != nil }.count
        unpriced = results.filter { $0.priceUnknown == true }
        complete = dryRun ? wouldSend == items : done == items
    }
}
