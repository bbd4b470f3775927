/// Counts for a progress line: every item is waiting (not yet paying: read,
/// checked, fixed, or queued), running (its paid call under way), done or failed.
public struct BatchProgress: Sendable, Equatable {
    public var total: Int
    /// Written or resumed.
    public var done = 0
    public var running = 0
    /// Finished without being done.
    public var failed = 0
    /// Estimated dollars of the calls made so far in this run.
    public var spent: Double = 0
    /// Calls made so far with no documented price (not in `spent`).
    public var unpriced = 0

    public var waiting: Int { max(0, total - done - failed - running) }
}
