import AsyncHTTPClient
import Foundation
import LTXContract
import NIOCore
import NIOHTTP1
import Testing
import TestSupport

/// `POST /v2/video-to-video-reframe` as raw HTTP: what any client sees.
@Suite struct ReframeSandboxTests {
    let dir = TemporaryDirectory.make("ltx-sandbox-reframe")

    func post(_ url: String, _ json: String) async throws -> (status: Int, error: [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(SandboxInProcess.key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        // A guard, not a measure: on 2 cores the suite's tests that wait on a child process can hold
        // both cooperative threads, and the in-process server answers only once one is free.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(Array(buffer: body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), object["error"] as? [String: Any] ?? [:])
    }

    /// A resolution outside the ten is a 400 invalid_request_error that lists
    /// them, before the video is looked at; a model is ignored, not refused.
    @Test func aResolutionReframeDoesNotOfferIs400ListingTheSizes() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let url = "http://127.0.0.1:\(port)/v2/video-to-video-reframe"
        let bad = try await post(url, #"{"video_uri":"ltx://uploads/x","resolution":"1000x1000","model":"anything"}"#)
        #expect(bad.status == 400)
        #expect(bad.error["type"] as? String == "invalid_request_error")
        let message = bad.error["message"] as? String ?? ""
        for size in Catalogue.Reframe.sizes.flatMap(\.sizes) { #expect(message.contains(size), "\(message)") }
        #expect(message.contains("1000x1000"))
        // A good size with a storage URI that was never uploaded: 400 about the video, not the model.
        let unknown = try await post(url, #"{"video_uri":"ltx://uploads/x","resolution":"1080x1920","model":"anything"}"#)
        #expect(unknown.status == 400)
        #expect((unknown.error["message"] as? String)?.contains("video_uri") == true, "\(unknown.error)")
    }
}
