import LTXContract

/// A batch as people read it (`ltx-prep batch`), for any Swift program.
extension BatchResult {
    /// `#3 written: out/c.mp4 ($0.80)`, with the reason when it was not.
    public var line: String {
        let what = output ?? input
        return "#\(index) \(status.rawValue)" + (what.map { ": \($0)" } ?? "") + (costText.map { " (\($0))" } ?? "") + (message.map { ": \($0)" } ?? "")
    }

    /// `$0.80`, or `price unknown` for a call of no documented price; nil when no call was priced.
    public var costText: String? {
        estimatedDollars.map { "$\(Pricing.format($0))" } ?? (priceUnknown == true ? "price unknown" : nil)
    }
}

extension BatchProgress {
    /// The status line while a batch runs.
    public var line: String {
        "\(total) item(s): \(done) done, \(running) running, \(waiting) waiting, \(failed) failed; $\(Pricing.format(spent)) estimated so far"
            + (unpriced > 0 ? " and \(unpriced) call(s) of unknown price" : "")
    }
}

extension BatchSummary {
    /// The last line: what was done (or, on a dry run, would be sent) and its estimated cost.
    /// A total that leaves items out says so, and names them.
    public func text(dryRun: Bool) -> String {
        let head = dryRun ? "dry run: \(wouldSend) of \(items) item(s) would be sent" : "\(done) of \(items) item(s) done"
        let cost = "$\(Pricing.format(estimatedDollars))"
        guard !unpriced.isEmpty else { return head + (dryRun ? ", estimated \(cost) in all" : "; estimated \(cost) for the calls made") }
        let named = unpriced.map { "#\($0.index) \($0.command ?? "?") \($0.output ?? $0.input ?? "")" }.joined(separator: ", ")
        return head + "; estimated \(cost) for \(priced) priced item(s), not counting \(unpriced.count) of unknown price (\(named))"
    }
}
