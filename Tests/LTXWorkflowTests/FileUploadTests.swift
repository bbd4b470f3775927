import Foundation
import LTXClient
import Logging
import Synchronization
import Testing
import TestSupport
import LTXWorkflow

/// `ltx-prep upload` as a Swift program has it: the file identified, sent
/// as it is, and what the CLI prints of it.
@Suite struct FileUploadTests {
    let file = Fixtures.path("conformant_h264_aac.mp4")
    let logger = Logger(label: "test")

    var size: Int64 { ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? Int64) ?? -1 }

    /// A dry run identifies the file and sends nothing.
    @Test func dryRun() async throws {
        let outcome = try await FileUpload.run(file, settings: CallSettings(apiKey: "k", environment: [:]), dryRun: true, logger: logger)
        #expect(outcome.text == "dry run: would POST /v1/upload, then PUT \(size) bytes of \(file) as video/mp4")
        #expect(outcome.uploaded == nil && outcome.receipt == nil)
    }

    /// No key is refused before the file is read: even a missing file says so.
    @Test func noKeyFirst() async {
        do {
            _ = try await FileUpload.run("/no/such/file.mp4", settings: CallSettings(environment: [:]), dryRun: true, logger: logger)
            Issue.record("an upload without a key")
        } catch {
            guard case .client(.missingKey(.ltx)) = error else { Issue.record("\(error)"); return }
        }
    }

    /// Sent to the sandbox: the storage URI is the text, the receipt counts
    /// every byte, and the last progress event is the whole file.
    @Test func upload() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: TemporaryDirectory.make("ltx-upload"))
        defer { server.cancel() }
        let settings = CallSettings(apiKey: SandboxInProcess.key, baseURL: "http://127.0.0.1:\(port)", environment: [:])
        let last = Mutex<(sent: Int64, total: Int64)?>(nil)
        let outcome = try await FileUpload.run(file, settings: settings, logger: logger) { event in
            if case .uploading(let sent, let total) = event { last.withLock { $0 = (sent, total) } }
        }
        let receipt = try #require(outcome.receipt)
        #expect(outcome.text == receipt.storageUri && receipt.storageUri.hasPrefix("ltx://uploads/"))
        #expect(receipt.file == file && receipt.bytes == size && outcome.mimeType == "video/mp4")
        #expect(last.withLock { $0 }.map { [$0.sent, $0.total] } == [size, size])
    }
}
