import Testing
@testable import LTXWorkflow

/// How N machines split one manifest with no coordinator.
@Suite struct BatchShardTests {
    @Test func parsesIOverN() {
        #expect(BatchShard("1/4") == BatchShard(index: 1, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] { #expect(BatchShard(bad) == nil, "\(bad)") }
    }

    /// Every item lands in exactly one shard, keeping its index in the whole.
    @Test func sharesCoverTheManifestOnce() {
        let items = Array("abcdefghij")
        let shares = (0..<3).map { BatchShard(index: $0, count: 3).items(items) }
        #expect(shares[1].map(\.offset) == [1, 4, 7])
        #expect(shares.flatMap { $0 }.map(\.offset).sorted() == Array(0..<10))
        #expect(BatchShard.whole.items(items).count == 10)
    }

    @Test func eachShardItsOwnJournal() {
        #expect(BatchShard(index: 2, count: 4).journal("/s/journal.sqlite") == "/s/journal.shard-2-of-4.sqlite")
        #expect(BatchShard.whole.journal("/s/journal.sqlite") == "/s/journal.sqlite")
    }

    /// A Kubernetes Indexed Job's JOB_COMPLETION_INDEX, refused when missing or out of range.
    @Test func indexFromTheEnvironment() throws {
        #expect(try BatchShard.indexed(4, environment: ["JOB_COMPLETION_INDEX": "3"]) == BatchShard(index: 3, count: 4))
        for environment in [[:], ["JOB_COMPLETION_INDEX": "4"]] {
            do {
                _ = try BatchShard.indexed(4, environment: environment)
                Issue.record("\(environment) gave a shard")
            } catch {
                guard case .shardIndexMissing(let count) = error else { Issue.record("\(error)"); continue }
                #expect(count == 4 && error.description.contains("JOB_COMPLETION_INDEX from 0 to 3"))
            }
        }
    }

    /// `--shards N` takes its index from the environment, over `--shard I/N`; neither is the whole batch.
    @Test func chosenFromTheCommandLine() throws {
        #expect(try BatchShard.chosen("1/4", shards: nil, environment: ["JOB_COMPLETION_INDEX": "0"]) == BatchShard(index: 1, count: 4))
        #expect(try BatchShard.chosen(nil, shards: 3, environment: ["JOB_COMPLETION_INDEX": "2"]) == BatchShard(index: 2, count: 3))
        #expect(try BatchShard.chosen(nil, shards: nil, environment: [:]) == .whole)
        #expect(try BatchShard.chosen("9/4", shards: nil, environment: [:]) == .whole)
        #expect(throws: WorkflowError.self) { try BatchShard.chosen("1/4", shards: 3, environment: [:]) }
    }

    @Test func summary() {
        let results = [BatchResult(index: 0, status: .written, estimatedDollars: 0.4), BatchResult(index: 1, status: .refused)]
        let summary = BatchSummary(results, dryRun: false)
        #expect(summary.done == 1 && summary.items == 2 && summary.estimatedDollars == 0.4 && !summary.complete)
    }
}
