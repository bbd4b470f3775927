import Foundation
import LTXJournal
import Logging
import SQLiteNIO
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

    /// The window sent goes in with the claim and comes back with the entry.
    @Test func theWindowSentIsKept() async throws {
        let journal = try await Journal.open(dir + "/window.sqlite")
        var e = entry("w1")
        e.sentWindow = SentWindowSpan(inputStart: 8, duration: 14)
        #expect(try await journal.claim(e))
        #expect(try await journal.entry("w1")?.sentWindow == SentWindowSpan(inputStart: 8, duration: 14))
        #expect(try await journal.claim(entry("w2")))
        #expect(try await journal.entry("w2")?.sentWindow == nil)
        await journal.close()
    }

    /// A journal written before the window was recorded opens, keeps its
    /// entries with the window unknown (nil: never spliced from), and takes
    /// new entries with theirs.
    @Test func anOlderJournalGetsTheWindowColumnsEmpty() async throws {
        let path = dir + "/old.sqlite"
        let old = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "test"))
        _ = try await old.query("""
            CREATE TABLE paid_request (fingerprint TEXT PRIMARY KEY, provider TEXT NOT NULL, base_url TEXT NOT NULL, endpoint TEXT NOT NULL,
                request TEXT NOT NULL, inputs TEXT NOT NULL, state TEXT NOT NULL, job_id TEXT, result_url TEXT, error TEXT, output TEXT,
                output_sha256 TEXT, estimated_cost REAL, created_at REAL NOT NULL, updated_at REAL NOT NULL)
            """)
        _ = try await old.query("""
            INSERT INTO paid_request VALUES ('old', 'ltx', 'https://api.ltx.video', '/v1/retake', '{}', '[]', 'downloaded', 'job', NULL, NULL,
                '/tmp/a.mp4', 'ab', 1.4, 1, 1)
            """)
        try await old.close()
        let journal = try await Journal.open(path)
        let kept = try #require(try await journal.entry("old"))
        #expect(kept.state == .downloaded && kept.estimatedCost == 1.4 && kept.sentWindow == nil)
        var e = entry("new")
        e.sentWindow = SentWindowSpan(inputStart: 10, duration: 9)
        #expect(try await journal.claim(e))
        #expect(try await journal.entry("new")?.sentWindow == SentWindowSpan(inputStart: 10, duration: 9))
        await journal.close()
        // Opened again, nothing is added twice.
        let again = try await Journal.open(path)
        #expect(try await again.all().count == 2)
        await again.close()
    }

    /// A journal from before placements were a table keeps each entry's last
    /// placement as its first row; from then on every placement is kept, and
    /// sending the request again (a new result) forgets them.
    @Test func everyPlacementIsKeptAndAnOlderJournalKeepsItsOne() async throws {
        let path = dir + "/placed.sqlite"
        let old = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "test"))
        _ = try await old.query("""
            CREATE TABLE paid_request (fingerprint TEXT PRIMARY KEY, provider TEXT NOT NULL, base_url TEXT NOT NULL, endpoint TEXT NOT NULL,
                request TEXT NOT NULL, inputs TEXT NOT NULL, state TEXT NOT NULL, job_id TEXT, result_url TEXT, error TEXT, output TEXT,
                output_sha256 TEXT, estimated_cost REAL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
                sent_start REAL, sent_duration REAL, placed_into TEXT, placed_sha256 TEXT)
            """)
        _ = try await old.query("""
            INSERT INTO paid_request VALUES ('old', 'ltx', 'https://api.ltx.video', '/v2/extend', '{}', '[]', 'downloaded', 'job', 'u', NULL,
                '/tmp/.a.mp4.answer-1.mp4', 'ab', 0.4, 1, 1, 0, 4, '/tmp/a.mp4', 'aa')
            """)
        try await old.close()
        let journal = try await Journal.open(path)
        #expect(try await journal.placements("old").map(\.output) == ["/tmp/a.mp4"])
        try await journal.placed("old", into: "/tmp/b.mp4", sha256: "bb")
        #expect(Set(try await journal.placements("old").map { "\($0.output) \($0.sha256)" }) == ["/tmp/a.mp4 aa", "/tmp/b.mp4 bb"])
        #expect(try await journal.entry("old")?.placedInto == "/tmp/b.mp4")
        await journal.close()
        let again = try await Journal.open(path)
        #expect(try await again.placements("old").count == 2)
        #expect(try await again.claim(entry("old"), replacing: true))
        #expect(try await again.placements("old").isEmpty)
        await again.close()
    }

    /// The owner a claim records reads back, is this process while it runs,
    /// and is not when the same pid has another start (a reused id).
    @Test func theOwnerOfAClaimIsKnownAliveOrNot() async throws {
        let journal = try await Journal.open(dir + "/owner.sqlite")
        var e = entry("o1")
        e.owner = RequestOwner.current.description
        #expect(try await journal.claim(e))
        let owner = try #require(try await journal.entry("o1")?.owner.flatMap(RequestOwner.init))
        #expect(owner == .current && owner.isAlive)
        #if os(Linux)
        #expect(!RequestOwner(pid: owner.pid, boot: owner.boot, started: owner.started + "0").isAlive)
        #endif
        await journal.close()
    }
}
