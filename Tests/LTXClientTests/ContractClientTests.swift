import LTXClient
import LTXContract
import LTXMedia
import Synchronization
import Testing
import TestSupport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The generated client against the sandbox implementing the generated
/// server, in this process on a random loopback port. The synchronous calls
/// (what Segmind's retake still is) run on LTX's v1 routes, which the sandbox
/// serves again only when asked: the API retired them after 2026-10-26.
@Suite struct ContractClientTests {
    let dir = TemporaryDirectory.make("ltx-contract")

    func client(_ port: Int) throws -> LTXAPIClient {
        let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: SandboxInProcess.key, baseURL: "http://127.0.0.1:\(port)",
                                                            environment: [:])
        return LTXAPIClient(configuration: configuration, sleep: { _ in })
    }

    @Test func textToVideoStreamsTheAnswerToTheOutput() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) { $0.servesRetiredV1 = true }
        defer { server.cancel() }
        let body = TextToVideoRequest(prompt: "p", model: "ltx-2-3-fast", duration: 6, resolution: "1920x1080", generateAudio: false)
        let generated = try await client(port).generate(.textToVideo(body), to: "\(dir)/t2v.mp4")
        #expect(generated.attempts == 1 && generated.requestID?.count == 32)
        let media = try await MediaProbe.probe("\(dir)/t2v.mp4")
        #expect(media.primaryVideo?.displayWidth == 1920 && media.primaryVideo?.frameCount == 144)  // 6 s at the API's default 24 fps
        #expect(Int64(media.sizeBytes) == generated.bytes)
    }

    /// 429 with Retry-After, then 503, then the answer: three attempts, the
    /// errors read from the envelope by the middleware.
    @Test func scriptedFaultsAreRetried() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) { $0.script = [429, 503]; $0.servesRetiredV1 = true }
        defer { server.cancel() }
        let body = TextToVideoRequest(prompt: "p", model: "ltx-2-3-fast", duration: 6, resolution: "1920x1080", generateAudio: false)
        let generated = try await client(port).generate(.textToVideo(body), to: "\(dir)/retried.mp4")
        #expect(generated.attempts == 3)
    }

    @Test func documentedErrorsAreNotRetried() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) { $0.script = [422]; $0.servesRetiredV1 = true }
        defer { server.cancel() }
        let body = TextToVideoRequest(prompt: "p", model: "ltx-2-3-fast", duration: 6, resolution: "1920x1080")
        let api = try client(port)
        do {
            _ = try await api.generate(.textToVideo(body), to: "\(dir)/filtered.mp4")
            Issue.record("a 422 produced a file")
        } catch {
            guard case .api(let e, let attempts, _) = error else { Issue.record("\(error)"); return }
            #expect(e.status == 422 && e.type == "content_filtered_error" && attempts == 1)
            #expect(e.requestID?.count == 32)
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/filtered.mp4"))
    }

    @Test func uploadThenRetakeByStorageURI() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) { $0.servesRetiredV1 = true }
        defer { server.cancel() }
        let api = try client(port)
        let uploaded = try await api.upload(file: Fixtures.path("conformant_h264_aac.mp4"), contentType: "video/mp4")
        #expect(uploaded.ticket.storageUri.hasPrefix("ltx://uploads/"))
        #expect(uploaded.ticket.expiresAt > Date.now)
        let generated = try await api.generate(.retake(RetakeRequest(videoUri: uploaded.ticket.storageUri, startTime: 1, duration: 2,
                                                                     mode: .replaceVideo)), to: "\(dir)/retake.mp4")
        #expect(generated.bytes > 0)
        let original = try await MediaProbe.probe(Fixtures.path("conformant_h264_aac.mp4"))
        let answer = try await MediaProbe.probe("\(dir)/retake.mp4")
        #expect(answer.primaryVideo?.frameCount == original.primaryVideo?.frameCount)
    }

    /// As the API answers since 2026-10-26: a v1 generation is a 404 naming the v2 route, never retried.
    @Test func retiredV1IsANotFoundNamingV2() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let body = TextToVideoRequest(prompt: "p", model: "ltx-2-3-fast", duration: 6, resolution: "1920x1080")
        let api = try client(port)
        do {
            _ = try await api.generate(.textToVideo(body), to: "\(dir)/v1.mp4")
            Issue.record("a retired v1 route answered")
        } catch {
            guard case .api(let e, let attempts, _) = error else { Issue.record("\(error)"); return }
            #expect(e.status == 404 && e.type == "not_found_error" && attempts == 1)
            #expect(e.message.contains("retired after 2026-10-26") && e.message.contains("/v2/text-to-video"))
        }
    }

    /// LTX's way since v1 was retired: a v2 job submitted, polled and its result downloaded, by the client alone.
    @Test func generateByJobSubmitsPollsAndDownloads() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let body = TextToVideoRequest(prompt: "p", model: "ltx-2-3-fast", duration: 6, resolution: "1280x720", generateAudio: false)
        let accepted = Mutex<String?>(nil)
        let generated = try await client(port).generateByJob(.textToVideo(body), to: "\(dir)/job.mp4", pollInterval: .milliseconds(20)) { job in
            accepted.withLock { $0 = job.id }
        }
        #expect(accepted.withLock { $0 }?.isEmpty == false)
        let media = try await MediaProbe.probe("\(dir)/job.mp4")
        #expect(media.primaryVideo?.displayWidth == 1280 && media.primaryVideo?.frameCount == 144)
        #expect(Int64(media.sizeBytes) == generated.bytes)
        // A job that fails is its own error, with the API's type, and no file.
        let (failing, failingServer) = try await SandboxInProcess.start(storage: dir) { $0.failJobs = true }
        defer { failingServer.cancel() }
        do {
            _ = try await client(failing).generateByJob(.textToVideo(body), to: "\(dir)/failed.mp4", pollInterval: .milliseconds(20))
            Issue.record("a failed job produced a file")
        } catch {
            guard case ClientError.jobFailed(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(!reason.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/failed.mp4"))
    }
}
