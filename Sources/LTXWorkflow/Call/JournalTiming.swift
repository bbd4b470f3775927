import LTXJournal

/// What the journal adds to one paid call, as `make bench` measures it: the
/// look-up and the four writes a v2 call makes (submitting, accepted,
/// completed, downloaded), each its own transaction as in a real call.
public enum JournalTiming {
    /// Milliseconds for one call's journal work, with a fresh fingerprint.
    public static func onePaidCall(_ journal: Journal, _ n: Int) async throws(JournalError) -> Double {
        let fingerprint = "bench-\(n)-\(UInt64.random(in: 0...UInt64.max))"
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await journal.entry(fingerprint)
        _ = try await journal.claim(JournalEntry(fingerprint: fingerprint, provider: "ltx", baseURL: "https://api.ltx.io",
                                                 endpoint: "/v2/retake", request: #"{"duration":4,"start_time":12}"#, inputs: "[]",
                                                 output: "/tmp/bench.mp4", estimatedCost: 1.0))
        try await journal.accepted(fingerprint, jobID: "job-\(n)")
        try await journal.completed(fingerprint, resultURL: "https://storage.example/\(n)")
        try await journal.downloaded(fingerprint, output: "/tmp/bench.mp4", sha256: String(repeating: "0", count: 64))
        let (s, atto) = (clock.now - start).components
        return Double(s) * 1000 + Double(atto) / 1e15
    }

    /// What `measure` found: the calls timed, and the median and the longest in milliseconds.
    public struct Measurement: Sendable, Equatable {
        public var calls: Int
        public var medianMs: Double
        public var maxMs: Double

        /// The JSON line `make bench` reads, its keys in this order.
        public var line: String { #"{"calls":\#(calls),"median_ms":\#(medianMs),"max_ms":\#(maxMs)}"# }
    }

    /// `calls` calls' journal work (at least one).
    public static func measure(_ journal: Journal, calls: Int) async throws(JournalError) -> Measurement {
        var perCall: [Double] = []
        for n in 0..<max(1, calls) { perCall.append(try await onePaidCall(journal, n)) }
        perCall.sort()
        return Measurement(calls: perCall.count, medianMs: perCall[perCall.count / 2], maxMs: perCall.last ?? 0)
    }
}
