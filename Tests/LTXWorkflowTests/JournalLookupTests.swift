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
        for (id, why) in [("3f2", "3f2: matches 2 requests; give more of it"), ("zz", "zz: no such request in the journal")] {
            do {
                _ = try await journal.only(matching: id)
                Issue.record("\(id) named one request")
            } catch {
                guard case .unusable(let message) = error else { Issue.record("\(error)"); continue }
                #expect(message == why)
            }
        }
        await journal.close()
    }
}
