import Foundation

/// `ltx-prep sandbox` on a random loopback port, as a separate process;
/// stopped by `stop()`.
final class SandboxProcess {
    let process = Process()
    let port: Int
    let key: String
    let storage: String

    init(key: String = "sk-test-\(UUID().uuidString.prefix(8))", _ arguments: [String] = []) throws {
        self.key = key
        storage = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-sbx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
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
        ["LTXV_API_KEY": key, "LTX_API_BASE_URL": baseURL, "SEGMIND_API_KEY": key, "SEGMIND_API_BASE_URL": baseURL]
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: storage)
    }
}
