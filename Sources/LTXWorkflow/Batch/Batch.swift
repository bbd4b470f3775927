import LTXClient
import LTXMedia

/// `ltx-prep batch`: many jobs, each check → fix → submit → download, at most
/// `concurrency` paid calls at once while checks and fixes of the others go
/// on; the journal makes a rerun skip what is done and resume what runs.
public enum Batch {
    public static func run(_ items: [(index: Int, item: Result<BatchItem, WorkflowError>)], client: LTXAPIClient, options: BatchOptions,
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in },
                           finished: @escaping @Sendable (BatchResult) -> Void = { _ in }) async -> [BatchResult] {
        let counts = Locked(BatchProgress(total: items.count))
        let slots = Slots(options.concurrency)
        let budget = Budget(options.maxCost)
        // Checks and fixes of the next items go on while the paid calls wait for a slot.
        let width = max(options.concurrency * 2, SystemInfo.activeProcessorCount)
        var results: [BatchResult] = []
        // `finished` hears of the items in the manifest's order: one that ends early waits for those before it.
        var ended: [Int: BatchResult] = [:]
        var told = 0
        await withTaskGroup(of: (Int, BatchResult).self) { group in
            var started = 0
            while started < items.count || !group.isEmpty {
                while started < items.count && started - results.count < width {
                    let (position, (index, item)) = (started, items[started])
                    started += 1
                    group.addTask {
                        let holding = Locked(false)
                        let began = ContinuousClock.now
                        var result = await runOne(index: index, item: item, client: client, options: options, slots: slots, budget: budget,
                                                  holding: holding) { delta in
                            progress(counts.withLock { delta(&$0); return $0 })
                        }
                        result.seconds = (ContinuousClock.now - began).inSeconds
                        // An item stops running and is done (or failed) in one count: it is never seen as neither.
                        progress(counts.withLock {
                            if holding.withLock({ $0 }) { $0.running -= 1 }
                            if result.isDone { $0.done += 1 } else { $0.failed += 1 }
                            return $0
                        })
                        return (position, result)
                    }
                }
                guard let (position, result) = await group.next() else { break }
                results.append(result)
                ended[position] = result
                while let next = ended.removeValue(forKey: told) {
                    finished(next)
                    told += 1
                }
            }
        }
        return results.sorted { $0.index < $1.index }
    }

}
