import NIOCore
import Testing
@testable import LTXClient
import LTXContract


#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite struct ClientPartsTests {
    @Test func keyIsNeverDescribed() {
        let key = APIKey("sk-very-secret")!
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "APIKey(<redacted>)")
        #expect(Provider.ltx.authHeader(key) == ("Authorization", "Bearer sk-very-secret"))
        #expect(Provider.segmind.authHeader(key) == ("x-api-key", "sk-very-secret"))
        #expect(APIKey("   ") == nil)
    }

    @Test(arguments: ["https://api.ltx.video", "http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:80", "https://10.0.0.5"])
    func acceptedBaseURLs(_ url: String) throws {
        #expect(try BaseURL(url).string == url)
    }

    @Test(arguments: ["http://api.ltx.video", "http://10.1.2.3:80", "http://192.168.1.1", "http://127.example.com"])
    func plainHTTPIsRefusedOffLoopback(_ url: String) {
        #expect(throws: BaseURL.Problem.plainHTTP(url)) { try BaseURL(url) }
    }

    @Test(arguments: ["ftp://x", "api.ltx.video", "https://", "https://user@host"])
    func malformedBaseURLs(_ url: String) {
        #expect(throws: BaseURL.Problem.self) { try BaseURL(url) }
    }

    @Test func configurationFromEnvironment() throws {
        let env = ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://127.0.0.1:1234"]
        let c = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: env)
        #expect(c.baseURL.string == "http://127.0.0.1:1234")
        let flag = try ClientConfiguration.resolve(provider: .ltx, apiKey: "other", baseURL: "https://x.example", environment: env)
        #expect(flag.baseURL.host == "x.example")
        #expect(throws: ClientError.self) { try ClientConfiguration.resolve(provider: .segmind, apiKey: nil, baseURL: nil, environment: env) }
    }

    @Test func documentedErrorBodyIsDecoded() {
        let body = Array(#"{"type":"error","error":{"type":"content_filtered_error","message":"Content is filtered due to policy restrictions"}}"#.utf8)
        let e = APIError.decode(status: 422, body: body, requestID: "abc")
        #expect(e == APIError(status: 422, type: "content_filtered_error", message: "Content is filtered due to policy restrictions", requestID: "abc"))
        #expect(e.description == "HTTP 422 content_filtered_error: Content is filtered due to policy restrictions (x-request-id abc)")
        let html = APIError.decode(status: 502, body: Array("<html>bad gateway</html>".utf8), requestID: nil)
        #expect(html.type == "api_error" && html.message == "<html>bad gateway</html>")
        #expect(APIError.decode(status: 413, body: [], requestID: nil).type == "request_too_large")
    }

    /// The catalogue's prices (ltx-api-2026.md §7); nil where none is published.
    @Test func pricing() {
        #expect(Pricing.estimate(endpoint: .retake, provider: .ltx, seconds: 10)?.dollars == 1.0)
        #expect(Pricing.estimate(endpoint: .audioToVideo, provider: .ltx, seconds: 5)?.dollars == 0.5)
        let t2v = Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: "ltx-2-3-pro", resolution: "3840x2160", seconds: 8)
        #expect(abs((t2v?.dollars ?? 0) - 2.56) < 1e-9)
        // Portrait is priced as its tier.
        let portrait = Pricing.estimate(endpoint: .imageToVideo, provider: .ltx, model: "ltx-2-5-pro", resolution: "720x1280", seconds: 10)
        #expect(abs((portrait?.dollars ?? 0) - 1.2) < 1e-9)
        let i2v = Pricing.estimate(endpoint: .imageToVideo, provider: .ltx, model: "ltx-2-3-fast", resolution: "1920x1080", seconds: 6)
        #expect(abs((i2v?.dollars ?? 0) - 0.36) < 1e-9)
        let a2v = Pricing.estimate(endpoint: .audioToVideo, provider: .ltx, model: "ltx-2-3-pro", resolution: "3840x2160", seconds: 10)
        #expect(abs((a2v?.dollars ?? 0) - 3.4) < 1e-9)
        #expect(Pricing.estimate(endpoint: .retake, provider: .segmind, seconds: 10) == nil)
        // Price unknown: a removed model, an audio-to-video cell the docs do not give, a resolution outside the tiers.
        #expect(Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: "ltx-2-pro", resolution: "1920x1080", seconds: 8) == nil)
        #expect(Pricing.estimate(endpoint: .audioToVideo, provider: .ltx, model: "ltx-2-5-pro", resolution: "3840x2160", seconds: 8) == nil)
        #expect(Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: "ltx-2-3-pro", resolution: "1000x1000", seconds: 8) == nil)
    }

    @Test func requestBodiesUseTheDocumentedFields() throws {
        let retake = String(decoding: try GenerationRequest.retake(RetakeRequest(videoUri: "ltx://uploads/x", startTime: 1.5, duration: 2)).json(),
                            as: UTF8.self)
        #expect(retake == #"{"duration":2,"start_time":1.5,"video_uri":"ltx://uploads/x"}"#)
        let t2v = String(decoding: try GenerationRequest.textToVideo(TextToVideoRequest(prompt: "p", model: "ltx-2-3-pro", duration: 8, resolution: "1920x1080",
                                                                                        generateAudio: false, cameraMotion: .dollyIn)).json(), as: UTF8.self)
        #expect(t2v == #"{"camera_motion":"dolly_in","duration":8,"generate_audio":false,"model":"ltx-2-3-pro","prompt":"p","resolution":"1920x1080"}"#)
    }

    /// The streamed data URI equals encoding the whole file at once, for
    /// every way the file can be cut into chunks.
    @Test(arguments: [1, 2, 3, 4, 7, 1000])
    func streamedBase64MatchesWholeBase64(_ chunk: Int) async throws {
        let bytes = (0..<2503).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let chunks = stride(from: 0, to: bytes.count, by: chunk).map { ByteBuffer(bytes: bytes[$0..<min($0 + chunk, bytes.count)]) }
        let body = Base64JSONBody(prefix: Array(#"{"u":"data:x;base64,"#.utf8), chunks: AsyncChunks(chunks), suffix: Array(#""}"#.utf8))
        var out: [UInt8] = []
        for try await b in body { out += b.readableBytesView }
        let expected = #"{"u":"data:x;base64,"# + Data(bytes).base64EncodedString() + #""}"#
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(Int64(out.count) == Base64JSONBody<AsyncChunks>.length(prefix: 20, fileSize: 2503, suffix: 2))
    }
}

struct AsyncChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    init(_ chunks: [ByteBuffer]) { self.chunks = chunks }
    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async throws -> ByteBuffer? { rest.popFirst() }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}
