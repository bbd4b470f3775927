import Foundation
import Testing
import TestSupport

/// Each error the API gives today (ltx-api-2026.md §6), from the sandbox's
/// scripted faults to the real binary: its own one line with the status,
/// type and x-request-id; only the transient ones sent again, counted by the
/// sandbox itself.
@Suite struct APIErrorTypeTests {
    let dir = TemporaryDirectory.make("ltx-errors")

    /// 720p: the smallest answer the API makes; what is checked is the errors' handling.
    static let textToVideo = ["text-to-video", "--prompt", "an eagle", "--duration", "6", "--resolution", "1280x720", "--no-audio", "--yes"]

    /// Never retried: one request reached the sandbox, exit 3, one line.
    @Test(arguments: [("400", "HTTP 400 invalid_request_error: Invalid request parameters"),
                      ("402", "HTTP 402 insufficient_funds_error: Insufficient funds. Required: 120 credits"),
                      ("403", "HTTP 403 permission_error: This endpoint is not available for your account"),
                      ("413", "HTTP 413 request_too_large"),
                      ("422", "HTTP 422 content_filtered_error")])
    func permanentErrorsAreOneLineAndOneRequest(_ script: String, _ expected: String) async throws {
        let sandbox = try SandboxProcess(["--script", script])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(Self.textToVideo + ["-o", "\(dir)/\(script).mp4"], environment: sandbox.environment)
        #expect(r.status == 3, "\(r.stderr)")
        let errors = r.stderrLines.filter { $0.hasPrefix("ltx-prep: ") }
        #expect(errors.count == 1 && errors[0].contains(expected), "\(r.stderr)")
        #expect(errors.first?.range(of: #"x-request-id [0-9a-f]{32}"#, options: .regularExpression) != nil, "\(r.stderr)")
        #expect(try await sandbox.generationRequests() == 1)
        #expect(try await sandbox.paidFor().jobs == 0)
    }

    /// Retried (Retry-After honoured on both 429s): two requests, one job, the video written.
    @Test(arguments: [("429", "HTTP 429 rate_limit_error"), ("429c", "HTTP 429 concurrency_limit_error"),
                      ("500", "HTTP 500 api_error"), ("503", "HTTP 503 service_unavailable_error"), ("529", "HTTP 529 overloaded_error")])
    func transientErrorsAreRetried(_ script: String, _ logged: String) async throws {
        let sandbox = try SandboxProcess(["--script", script])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(Self.textToVideo + ["-o", "\(dir)/\(script).mp4", "--verbose"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains(logged), "\(r.stderr)")
        if script.hasPrefix("429") { #expect(r.stderr.contains("retrying in 1.0 seconds"), "\(r.stderr)") }
        #expect(try await sandbox.generationRequests() == 2)
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(FileManager.default.fileExists(atPath: "\(dir)/\(script).mp4"))
    }

    /// Overloaded every time: retried up to the policy's 5 attempts, then one line with the request id.
    @Test func persistentOverloadEndsInOneLine() async throws {
        let sandbox = try SandboxProcess(["--script", "529,529,529,529,529"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(Self.textToVideo + ["-o", "\(dir)/overloaded.mp4"], environment: sandbox.environment)
        #expect(r.status == 3, "\(r.stderr)")
        let errors = r.stderrLines.filter { $0.hasPrefix("ltx-prep: ") }
        #expect(errors.count == 1 && errors[0].contains("HTTP 529 overloaded_error") && errors[0].contains("after 5 attempts")
            && errors[0].contains("x-request-id"), "\(r.stderr)")
        #expect(try await sandbox.generationRequests() == 5)
    }
}
