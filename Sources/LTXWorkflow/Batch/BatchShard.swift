/// One machine's share of a batch: the items whose index modulo `count` is
/// `index`, with a journal of its own, so N machines split one manifest with
/// no coordinator (a Kubernetes Indexed Job, a Slurm array, GNU parallel).
public struct BatchShard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public static let whole = BatchShard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `I/N` with 0 <= I < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        self.init(index: parts[0], count: parts[1])
    }

    /// Shard I of `count`, I from JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job).
    public static func indexed(_ count: Int, environment: [String: String]) throws(WorkflowError) -> BatchShard {
        guard let value = environment["JOB_COMPLETION_INDEX"], let i = Int(value), (0..<count).contains(i) else {
            throw .shardIndexMissing(count: count)
        }
        return BatchShard(index: i, count: count)
    }

    /// The share a command line names: with a count (`--shards N`), shard I
    /// of it from JOB_COMPLETION_INDEX; else `I/N` as written (`--shard`),
    /// else the whole batch.
    public static func chosen(_ shard: String?, shards: Int?, environment: [String: String]) throws(WorkflowError) -> BatchShard {
        if let shards { return try indexed(shards, environment: environment) }
        return shard.flatMap(BatchShard.init) ?? .whole
    }

    /// Each shard its own journal file, so shards never share one over a network file system.
    public func journal(_ path: String) -> String {
        guard count > 1 else { return path }
        return String(path.dropLast(".sqlite".count)) + ".shard-\(index)-of-\(count).sqlite"
    }

    /// This shard's items, each with its index in the whole list.
    public func items<T>(_ all: [T]) -> [(offset: Int, element: T)] {
        all.enumerated().filter { $0.offset % count == index }.map { ($0.offset, $0.element) }
    }
}
