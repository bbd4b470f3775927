import Foundation
import Testing
import TestSupport
@testable import LTXWorkflow

/// The `--json` form, as a Swift program writes it: what the CLI prints and
/// what a batch's report file holds.
@Suite struct JSONOutputTests {
    struct Sample: Encodable {
        var zebraCount: Int
        var filePath: String
        var missing: String?
    }

    /// snake_case keys, sorted; slashes as they are; one compact line; nil left out.
    @Test func oneCompactLine() {
        #expect(JSONOutput.line(Sample(zebraCount: 3, filePath: "/tmp/a b.mp4")) == #"{"file_path":"/tmp/a b.mp4","zebra_count":3}"#)
    }

    /// One line per item, in the order given, each ending in a newline.
    @Test func batchReport() throws {
        let path = TemporaryDirectory.make("ltx-report") + "/report.jsonl"
        let results = [BatchResult(index: 1, status: .refused), BatchResult(index: 0, status: .written, estimatedDollars: 0.4)]
        try BatchSource.writeReport(results, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            {"index":1,"status":"refused"}
            {"estimated_dollars":0.4,"index":0,"status":"written"}

            """)
    }

    /// A report that cannot be written says where, and leaves nothing behind.
    @Test func reportInAMissingFolder() {
        let path = TemporaryDirectory.make("ltx-report") + "/missing/report.jsonl"
        do {
            try BatchSource.writeReport([BatchResult(index: 0, status: .written)], to: path)
            Issue.record("a report written into a missing folder")
        } catch {
            guard case .cannotWrite(let written, let reason) = error else { Issue.record("\(error)"); return }
            #expect(written == path && reason == "No such file or directory")
            #expect(error.description == "\(path): No such file or directory")
        }
    }
}
