import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What a whole-video retake did.
public struct RetakeOutcome: Sendable {
    public var calls: [RetakeCall]
    /// The sum of every call's documented price, shown before any was paid.
    public var estimate: Pricing.Estimate?
    /// One per call, in order (the dry run's request shapes, or what was paid).
    public var generations: [GenerationOutcome]
    /// Nil on a dry run, and when `alreadyDone`.
    public var splice: SpliceOutcome?
    /// The output already was this retake's result, put back by an earlier
    /// run (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone: Bool = false
    /// One per call, in order: the window as sent; nil where the whole input
    /// went as it was or the journal answered the call (nothing was sent).
    public var sent: [SentWindow?] { generations.map { ($0.fixes.first ?? nil).flatMap(SentWindow.init) } }
}
