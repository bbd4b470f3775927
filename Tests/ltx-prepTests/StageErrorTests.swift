import Foundation
import Testing
import TestSupport

/// A failed call's one error line names the step that failed, without
/// --verbose: each step broken in turn by the sandbox's scripted faults.
@Suite struct StageErrorTests {
    let dir = TemporaryDirectory.make("ltx-stage")

    static let retake = ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2"]
    static let textToVideo = ["text-to-video", "--prompt", "an eagle", "--duration", "6"]

    @Test(arguments: [
        // A key the sandbox does not take is refused at the first step: the ticket for the upload URL.
        ([], "another-key", retake, "getting the upload URL: HTTP 401 authentication_error"),
        // The signed URL has expired by the time the file is PUT.
        (["--upload-url-lifetime", "0"], nil, retake, "the upload's PUT: HTTP 403"),
        (["--script", "400"], nil, textToVideo, "the generation call: HTTP 400 invalid_request_error"),
        (["--script", "400"], nil, retake + ["--provider", "segmind"], "the generation call: HTTP 400 invalid_request_error"),
        (["--poll-script", "400"], nil, textToVideo, "polling the job: HTTP 400"),
        (["--result-script", "404"], nil, textToVideo, "the result's download: HTTP 404"),
    ])
    func errorLineNamesTheStep(_ faults: [String], _ key: String?, _ command: [String], _ expected: String) async throws {
        let sandbox = try SandboxProcess(faults)
        defer { sandbox.stop() }
        var environment = sandbox.environment
        if let key { environment["LTXV_API_KEY"] = key }
        let r = try await BinaryRunner.run(command + ["-o", "\(dir)/out.mp4"], environment: environment)
        #expect(r.status == 3, "\(r.stderr)")
        let errors = r.stderrLines.filter { $0.hasPrefix("ltx-prep:") }
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.hasPrefix("ltx-prep: \(expected)") == true, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.mp4"))
    }

    /// `upload` alone: the same line for its two steps.
    @Test func uploadNamesItsSteps() async throws {
        let expired = try SandboxProcess(["--upload-url-lifetime", "0"])
        defer { expired.stop() }
        let put = try await BinaryRunner.run(["upload", Fixtures.path("image.png")], environment: expired.environment)
        #expect(put.status == 3)
        #expect(put.stderr.hasPrefix("ltx-prep: the upload's PUT: HTTP 403") && put.stderrLines.count == 1, "\(put.stderr)")

        var wrongKey = expired.environment
        wrongKey["LTXV_API_KEY"] = "another-key"
        let ticket = try await BinaryRunner.run(["upload", Fixtures.path("image.png")], environment: wrongKey)
        #expect(ticket.status == 3)
        #expect(ticket.stderr.hasPrefix("ltx-prep: getting the upload URL: HTTP 401") && ticket.stderrLines.count == 1, "\(ticket.stderr)")
    }

    /// `upload --json` says when the signed upload URL stops working (the
    /// ticket's 1 h) and until when the storage URI may be used (24 h after
    /// the upload): the two are about 23 hours apart.
    @Test func uploadJSONSaysHowLongEachURLWorks() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["upload", Fixtures.path("image.png"), "--json"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let format = ISO8601DateFormatter()
        let uploadURL = try #require((object["upload_url_expires_at"] as? String).flatMap(format.date(from:)))
        let storageURI = try #require((object["storage_uri_expires_at"] as? String).flatMap(format.date(from:)))
        let apart = storageURI.timeIntervalSince(uploadURL) / 3600
        #expect(apart > 22.5 && apart < 23.5, "\(object)")
    }
}
