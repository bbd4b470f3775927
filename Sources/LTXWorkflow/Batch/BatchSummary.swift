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
