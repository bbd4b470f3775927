import Foundation
import LTXJournal
import Testing
import TestSupport

/// A real SQLite file, two connections to it as two processes would have.
@Suite struct JournalTests {
    let dir = TemporaryDirectory.make("ltx-journal")

    func entry(_ fingerprint: String = "f1") -> JournalEntry {
        JournalEntry(fingerprint: fingerprint, provider: "ltx", baseURL: "https://api.ltx.video", endpoint: "/v1/retake",
                     request: #"{"duration":2}"#, inputs: "[]", output: "/tmp/out.mp4", estimatedCost: 0.5)
    }

    @Test func entryGoesThroughItsStates() async throws {
        let journal = try await Journal.open(dir + "/a/b/journal.sqlite")
        #expect(try await journal.claim(entry()))
        #expect(try await journal.entry("f1")?.state == .submitting)
        try await journal.accepted("f1", jobID: "job-1")
        try await journal.completed("f1", resultURL: "https://storage/x")
        try await journal.downloaded("f1", output: "/tmp/out.mp4", sha256: "ab")
        let e = try #require(try await journal.entry("f1"))
        #expect(e.state == .downloaded && e.jobID == "job-1" && e.resultURL == "https://storage/x" && e.outputSHA256 == "ab")
        #expect(e.estimatedCost == 0.5 && e.createdAt > 1_700_000_000 && e.updatedAt >= e.createdAt)
        await journal.close()
    }

    /// Two connections claim the same request: exactly one wins; a rejected
    /// entry (not billed) can be claimed again, a submitted one only by `replacing`.
    @Test func oneClaimWins() async throws {
        let path = dir + "/journal.sqlite"
        let a = try await Journal.open(path)
        let b = try await Journal.open(path)
        async let first = a.claim(entry("f2"))
        async let second = b.claim(entry("f2"))
        let results = try await [first, second]
        #expect(results.filter { $0 }.count == 1)
        #expect(try await a.claim(entry("f2")) == false)
        try await a.rejected("f2", error: "HTTP 400")
        #expect(try await b.claim(entry("f2")))
        #expect(try await a.claim(entry("f2"), replacing: true))
        #expect(try await b.all().count == 1)
        await a.close()
        await b.close()
    }

    @Test func unusableJournalIsAnError() async throws {
        let file = dir + "/plain"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try await Journal.open(file + "/journal.sqlite")
            Issue.record("opened a journal under a file")
        } catch {
            #expect(error.path == file + "/journal.sqlite")
            #expect(error.description.contains("cannot make"))
        }
    }
}
