import AsyncHTTPClient
import Foundation
import LTXContract
import NIOCore
import NIOHTTP1
import Testing
import TestSupport

/// The sandbox in process, spoken to as raw HTTP: what any client of the
/// documented API would see.
@Suite struct SandboxContractTests {
    let dir = TemporaryDirectory.make("ltx-sandbox")

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] ?? [:] }
    }

    func send(_ method: HTTPMethod, _ url: String, json: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        // A guard, not a measure: on 2 cores the suite's tests that wait on a child process can hold
        // both cooperative threads, and the in-process server answers only once one is free.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        let body = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return Answer(status: Int(response.status.code), headers: fields, body: Array(buffer: body))
    }

    var bearer: [String: String] { ["Authorization": "Bearer \(SandboxInProcess.key)"] }

    @Test func missingKeyIsTheDocumented401() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let a = try await send(.POST, "http://127.0.0.1:\(port)/v2/text-to-video", json: "{}")
        #expect(a.status == 401)
        let error = try a.json()["error"] as? [String: Any]
        #expect(error?["type"] as? String == "authentication_error")
        #expect(a.headers["x-request-id"]?.count == 32)
    }

    /// A body the contract's schema refuses (a required field missing, an
    /// enum value not in it) is a 400 in the envelope, never a 500.
    @Test(arguments: [#"{"prompt":"p"}"#, #"{"prompt":"p","model":"ltx-2-3-pro","duration":6,"resolution":"1920x1080","camera_motion":"spin"}"#, "not json"])
    func bodiesOutsideTheSchemaAre400(_ body: String) async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let a = try await send(.POST, "http://127.0.0.1:\(port)/v2/text-to-video", json: body, headers: bearer)
        #expect(a.status == 400)
        let error = try a.json()["error"] as? [String: Any]
        #expect(error?["type"] as? String == "invalid_request_error")
    }

    /// Today's models per endpoint (the catalogue's): a removed model is a 400
    /// invalid_request_error naming its replacement; a current model the
    /// endpoint does not take is a 400 listing the ones it does. Refused
    /// before any job starts.
    @Test(arguments: [
        ("text-to-video", #"{"prompt":"p","model":"ltx-2-pro","duration":6,"resolution":"1920x1080"}"#, "use ltx-2-3-pro"),
        ("image-to-video", #"{"prompt":"p","image_uri":"ltx://uploads/x","model":"ltx-2-fast","duration":6,"resolution":"1920x1080"}"#, "use ltx-2-3-fast"),
        ("retake", #"{"video_uri":"ltx://uploads/x","start_time":0,"duration":2,"model":"ltx-2-pro"}"#, "use ltx-2-3-pro"),
        ("retake", #"{"video_uri":"ltx://uploads/x","start_time":0,"duration":2,"model":"ltx-2-5-pro"}"#, "ltx-2-3-pro for retake"),
        ("audio-to-video", #"{"audio_uri":"ltx://uploads/x","prompt":"p","model":"ltx-2-3-fast"}"#, "ltx-2-5-fast, ltx-2-5-pro, ltx-2-3-pro for audio-to-video"),
        ("text-to-video", #"{"prompt":"p","model":"ltx-2-3-pro","duration":6,"resolution":"1920x1080","fps":30}"#, "ltx-2-3-pro offers"),
    ])
    func modelsAndCellsOutsideTheCatalogueAre400(_ endpoint: String, _ body: String, _ expected: String) async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let a = try await send(.POST, "http://127.0.0.1:\(port)/v2/\(endpoint)", json: body, headers: bearer)
        #expect(a.status == 400)
        let error = try a.json()["error"] as? [String: Any]
        #expect(error?["type"] as? String == "invalid_request_error")
        #expect((error?["message"] as? String)?.contains(expected) == true, "\(a.text)")
    }

    /// audio-to-video's fps (it has no matrix) is the catalogue's list: any other rate
    /// is a 400 naming it; each of its rates gets past it to the next check, the audio's.
    @Test func audioToVideoTakesTheCataloguesFrameRates() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        func refusal(_ fps: Int) async throws -> String? {
            let body = #"{"audio_uri":"ltx://uploads/none","prompt":"p","fps":\#(fps)}"#
            let a = try await send(.POST, "http://127.0.0.1:\(port)/v2/audio-to-video", json: body, headers: bearer)
            #expect(a.status == 400, "\(fps): \(a.text)")
            return (try a.json()["error"] as? [String: Any])?["message"] as? String
        }
        for fps in [23, 30, 60] {
            #expect(try await refusal(fps) == "fps must be one of 24, 25, 48, 50")
        }
        for fps in Catalogue.frameRates {
            #expect(try await refusal(fps) == "audio_uri: unknown storage URI, or its upload did not complete", "\(fps)")
        }
    }

    @Test func segmindRouteTakesItsOwnHeader() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let body = #"{"video_uri":"ltx://uploads/x","start_time":0,"duration":2}"#
        let withBearer = try await send(.POST, "http://127.0.0.1:\(port)/v1/ltx-retake-video", json: body, headers: bearer)
        #expect(withBearer.status == 401)
        let withKey = try await send(.POST, "http://127.0.0.1:\(port)/v1/ltx-retake-video", json: body, headers: ["x-api-key": SandboxInProcess.key])
        #expect(withKey.status == 400)
        #expect(withKey.text.contains("https URL or a data URI"))
    }

    /// v2: 202 and an id at once; the job goes processing, then completed,
    /// and its result URL serves the video without the key.
    @Test func asyncJobCompletesAndServesItsResult() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) { $0.jobSeconds = .milliseconds(300) }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)"
        let body = #"{"prompt":"p","model":"ltx-2-3-fast","duration":6,"resolution":"1920x1080","generate_audio":false}"#
        let submitted = try await send(.POST, "\(base)/v2/text-to-video", json: body, headers: bearer)
        #expect(submitted.status == 202)
        let id = try #require(try submitted.json()["id"] as? String)
        #expect(try submitted.json()["status"] as? String == "pending")
        var statuses: [String] = []
        var job: [String: Any] = [:]
        for _ in 0..<600 {
            job = try await send(.GET, "\(base)/v2/text-to-video/\(id)", headers: bearer).json()
            let status = job["status"] as? String ?? "?"
            if statuses.last != status { statuses.append(status) }
            if status == "completed" || status == "failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(statuses.first == "processing" && statuses.last == "completed")
        let url = try #require((job["result"] as? [String: Any])?["video_url"] as? String)
        let video = try await send(.GET, url)
        #expect(video.status == 200 && video.headers["content-type"] == "video/mp4")
        #expect(video.body.count > 1000 && video.body[4..<8] == Array("ftyp".utf8)[...])
        // Another endpoint's route does not know the job; neither does an unknown id.
        #expect(try await send(.GET, "\(base)/v2/retake/\(id)", headers: bearer).status == 404)
        #expect(try await send(.GET, "\(base)/v2/text-to-video/nope", headers: bearer).status == 404)
    }
}

extension SandboxContractTests {
    /// A method a contract path does not take is 405 with `Allow`; a path the
    /// API does not have is 404; both in the envelope, with `x-request-id`.
    @Test func unroutableRequestsGetTheEnvelope() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let wrongMethod = try await send(.GET, "http://127.0.0.1:\(port)/v1/retake", headers: bearer)
        #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] == "POST")
        #expect((try wrongMethod.json()["error"] as? [String: Any])?["type"] as? String == "invalid_request_error")
        let nowhere = try await send(.GET, "http://127.0.0.1:\(port)/v3/nothing", headers: bearer)
        #expect(nowhere.status == 404 && nowhere.headers["x-request-id"]?.count == 32)
        #expect((try nowhere.json()["error"] as? [String: Any])?["type"] as? String == "not_found_error")
    }
}
