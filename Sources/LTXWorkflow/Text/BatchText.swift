import LTXContract

/// A batch as people read it (`ltx-prep batch`), for any Swift program.
extension BatchResult {
    /// `#3 written: out/c.mp4 ($0.80)`, with the reason when it was not.
    public var line: String {
        let cost = estimatedDollars.map { " ($\(Pricing.format($0)))" } ?? ""
        let what = output ?? input
        return "#\(index) \(status.rawValue)" + (what.map { ": \($0)" } ?? "") + cost + (message.map { ": \($0)" } ?? "")
    }
}

extension BatchProgress {
    /// The status line while a batch runs.
    public var line: String {
        "\(done) of \(total) done, \(running) running, \(failed) not done, $\(Pricing.format(spent)) estimated so far"
    }
}

extension BatchSummary {
    /// The last line: what was done (or, on a dry run, would be sent) and its estimated cost.
    public func text(dryRun: Bool) -> String {
        dryRun ? "dry run: \(wouldSend) of \(items) item(s) would be sent, estimated $\(Pricing.format(estimatedDollars)) in all"
               : "\(done) of \(items) item(s) done; estimated $\(Pricing.format(estimatedDollars)) for the calls made"
    }
}
