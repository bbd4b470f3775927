import LTXJournal
import Testing
import TestSupport
import LTXWorkflow

/// `ltx-prep jobs show ID` as a Swift program has it: one request, by its
/// job id or the start of its fingerprint.
@Suite struct JournalLookupTests {
    @Test func oneRequestOrWhyNot() async throws {
        let journal = try await Journal.open(TemporaryDirectory.make("ltx-lookup") + "/journal.sqlite")
        for fingerprint in ["3f2a9c", "3f2b01", "77aa00"] {
            #expect(try await journal.claim(JournalEntry(fingerprint: fingerprint, provider: "ltx", baseURL: "https://api.ltx.video",
                                                         endpoint: "/v2/retake", request: "{}", inputs: "[]")))
        }
        try await journal.accepted("77aa00", jobID: "job-1")
        #expect(try await journal.only(matching: "3f2a").fingerprint == "3f2a9c")
        #expect(try await journal.only(matching: "job-1").fingerprint == "77aa00")
        do {
            _ = try await journal.only(matching: "3f2")
            Issue.record("3f2 named one request")
        } catch {
            guard case .ambiguousRequest("3f2", matches: 2) = error else { Issue.record("\(error)"); return }
            #expect(error.description == "3f2: matches 2 requests; give more of it")
        }
        do {
            _ = try await journal.only(matching: "zz")
            Issue.record("zz named one request")
        } catch {
            guard case .noSuchRequest("zz") = error else { Issue.record("\(error)"); return }
            #expect(error.description == "zz: no such request in the journal")
        }
        await journal.close()
    }
}
