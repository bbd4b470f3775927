import LTXContract

/// What is left of the cost limit; each paid call reserves its estimate first.
actor Budget {
    private var remaining: Double?

    init(_ limit: Double?) { remaining = limit }

    func reserve(_ estimate: Pricing.Estimate?, what: String) throws(WorkflowError) {
        guard let left = remaining else { return }
        guard let estimate else { throw .batchItemUnpriced(output: what) }
        guard estimate.dollars <= left + 1e-9 else {
            throw .overBatchBudget(output: what, estimate: estimate.dollars, remaining: left)
        }
        remaining = left - estimate.dollars
    }
}
