import LTXJournal
import Testing
import TestSupport
@testable import LTXWorkflow

/// `jobs measure`, which `make bench` reads: what the journal adds to one paid call.
@Suite struct JournalTimingTests {
    /// The line bench/run.sh keeps, keys in the order it has always had.
    @Test func line() {
        #expect(JournalTiming.Measurement(calls: 200, medianMs: 1.25, maxMs: 3).line == #"{"calls":200,"median_ms":1.25,"max_ms":3.0}"#)
    }

    /// At least one call is timed; the line says how many were.
    @Test func callsTimed() async throws {
        let journal = try await Journal.open(TemporaryDirectory.make("ltx-timing") + "/journal.sqlite")
        let none = try await JournalTiming.measure(journal, calls: 0)
        #expect(none.calls == 1 && none.medianMs == none.maxMs && none.maxMs > 0)
        let three = try await JournalTiming.measure(journal, calls: 3)
        #expect(three.calls == 3 && three.medianMs <= three.maxMs)
        await journal.close()
    }
}
