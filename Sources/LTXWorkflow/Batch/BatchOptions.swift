/// How a batch runs.
public struct BatchOptions: Sendable {
    /// Paid calls at once (the API's default concurrency is 2).
    public var concurrency: Int
    /// Check every item and total the estimates; send nothing, fix nothing.
    public var dryRun: Bool
    /// The most the whole batch may cost, in estimated dollars.
    public var maxCost: Double?
    /// The journal and the send options every item shares.
    public var generation: GenerationOptions
    /// An item's failure as its result's message: `description`, unless a
    /// front end says it in its own terms (the CLI names its flags).
    public var explain: @Sendable (WorkflowError) -> String

    public init(concurrency: Int = 2, dryRun: Bool = false, maxCost: Double? = nil, generation: GenerationOptions = GenerationOptions(),
                explain: @escaping @Sendable (WorkflowError) -> String = { $0.description }) {
        self.concurrency = max(1, concurrency)
        self.dryRun = dryRun
        self.maxCost = maxCost
        self.generation = generation
        self.explain = explain
    }
}
