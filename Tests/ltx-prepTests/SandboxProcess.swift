import AsyncHTTPClient
import Foundation
import TestSupport

/// `ltx-prep sandbox` on a random loopback port, as a separate process;
/// stopped by `stop()`.
final class SandboxProcess {
    let process = Process()
    let port: Int
    let key: String
    let storage: String

    init(key: String = "sk-test-\(UUID().uuidString.prefix(8))", _ arguments: [String] = []) throws {
        self.key = key
        storage = TemporaryDirectory.make("ltx-sbx")
        process.executableURL = BinaryRunner.binary
        process.arguments = ["sandbox", "--port", "0", "--api-key", key, "--storage", storage] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Bounded wait for the line that names the port.
        var text = ""
        var found: Int?
        for _ in 0..<300 where found == nil {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { usleep(20_000); continue }
            text += String(decoding: data, as: UTF8.self)
            if let r = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(text[r].split(separator: ":").last!)
            }
        }
        guard let found else {
            process.terminate()
            throw SandboxDidNotStart(output: text)
        }
        port = found
    }

    struct SandboxDidNotStart: Error { var output: String }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The variables a client needs to reach this sandbox, for both providers.
    var environment: [String: String] {
        // Each sandbox its own journal (XDG_STATE_HOME), and quick polls.
        ["LTXV_API_KEY": key, "LTX_API_BASE_URL": baseURL, "SEGMIND_API_KEY": key, "SEGMIND_API_BASE_URL": baseURL,
         "XDG_STATE_HOME": storage + "/state", "LTX_PREP_POLL_INTERVAL": "0.05"]
    }

    /// The journal the commands run with `environment` write.
    var journal: String { storage + "/state/ltx-prep/journal.sqlite" }

    /// What the sandbox was paid for so far: (v2 jobs accepted, v1 generations answered).
    func paidFor() async throws -> (jobs: Int, sync: Int, uploadTickets: Int) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/sandbox/stats"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        let stats = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Int] ?? [:]
        return (stats["accepted_jobs"] ?? -1, stats["sync_generations"] ?? -1, stats["upload_tickets"] ?? -1)
    }

    /// Requests to paid routes that reached the sandbox (past the key check), faults and retries included.
    func generationRequests() async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/sandbox/stats"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 16)
        let stats = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Int] ?? [:]
        return stats["generation_requests"] ?? -1
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: storage)
    }
}

extension SandboxProcess {
    /// POSTs a JSON `body` to `route` with the key: the status and the JSON answer.
    func postJSON(_ route: String, _ body: String) async throws -> (status: Int, json: [String: Any]) {
        var request = HTTPClientRequest(url: baseURL + route)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(Array(body.utf8))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:])
    }

    /// Polls `GET /v2/{endpoint}/{id}` until the job ends (bounded: 60 s): its
    /// `result` when it completed; nil when it failed or never ended.
    func jobResult(_ endpoint: String, id: String) async throws -> [String: Any]? {
        for _ in 0..<600 {
            var poll = HTTPClientRequest(url: baseURL + "/v2/\(endpoint)/\(id)")
            poll.headers.add(name: "Authorization", value: "Bearer \(key)")
            let response = try await HTTPClient.shared.execute(poll, timeout: .seconds(30))
            let state = try JSONSerialization.jsonObject(with: Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)) as? [String: Any]
            switch state?["status"] as? String {
            case "completed": return state?["result"] as? [String: Any]
            case "failed": return nil
            default: try await Task.sleep(for: .milliseconds(100))
            }
        }
        return nil
    }
}
