import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What a whole-video extend did.
public struct ExtendOutcome: Sendable {
    public var plan: ExtendPlan
    /// The call (the dry run's request shape, or what was paid).
    public var generation: GenerationOutcome
    /// Nil on a dry run, with `windowOnly`, and when `alreadyDone`.
    public var splice: SpliceOutcome?
    /// The output already was this extend's result (the journal has its SHA-256).
    public var alreadyDone = false
}
