import LTXClient
import LTXJournal
import Logging
import Testing
import TestSupport
@testable import LTXWorkflow

/// `ltx-prep jobs resume` as a Swift program has it: what each job's line
/// says, and how many could not be finished.
@Suite struct JournalResumeTests {
    let dir = TemporaryDirectory.make("ltx-resume")

    func entry(_ fingerprint: String) -> JournalEntry {
        JournalEntry(fingerprint: fingerprint, provider: "ltx", baseURL: "https://api.ltx.video", endpoint: "/v2/retake", request: "{}",
                     inputs: "[]", output: dir + "/\(fingerprint).mp4")
    }

    @Test func resumeLines() {
        let e = entry("3f2a9c1b7d0e5a6b")
        let outcome = GenerationOutcome(fixes: [], generated: Generated(output: "out.mp4", bytes: 10, attempts: 1), jobID: "j1", resumed: .polled)
        #expect(e.resumeLine(.success(outcome)) == "3f2a9c1b7d0e: wrote out.mp4")
        #expect(e.resumeLine(.success(GenerationOutcome(fixes: []))) == "3f2a9c1b7d0e: wrote ?")
        #expect(e.resumeLine(.failure(.jobFailed("the job failed: no GPU"))) == "3f2a9c1b7d0e: the job failed: no GPU")
    }

    /// Only accepted or completed entries are taken up; one that cannot be
    /// (here: no key to ask with) is heard as a failure and counted.
    @Test func countsWhatCouldNotBeFinished() async throws {
        let journal = try await Journal.open(dir + "/journal.sqlite")
        for fingerprint in ["accepted", "downloaded", "rejected"] { #expect(try await journal.claim(entry(fingerprint))) }
        try await journal.accepted("accepted", jobID: "job-1")
        try await journal.downloaded("downloaded", output: dir + "/downloaded.mp4", sha256: "ab")
        try await journal.rejected("rejected", error: "HTTP 400")
        var heard: [String] = []
        let (count, failed) = try await JournalResume.resumeAll(journal, apiKey: nil, environment: [:], logger: Logger(label: "test")) { e, result in
            if case .failure(let error) = result { heard.append("\(e.fingerprint): \(error.kind)") } else { heard.append("\(e.fingerprint): done") }
        }
        await journal.close()
        #expect(count == 1 && failed == 1)
        #expect(heard == ["accepted: unusable"])
    }
}
