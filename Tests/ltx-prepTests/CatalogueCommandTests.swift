import AsyncHTTPClient
import Foundation
@testable import LTXMedia
import LTXClient
import LTXContract
import Testing
import TestSupport

/// The catalogue as a user meets it: `models`, the defaults, and a removed
/// model refused before anything is uploaded or paid (the built binary
/// against the sandbox, its stats counting what reached it).
@Suite struct CatalogueCommandTests {
    let dir = TemporaryDirectory.make("ltx-catalogue")

    @Test func modelsJSONListsTheCatalogue() async throws {
        let r = try await BinaryRunner.run(["models", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["date"] as? String == "2026-10-09")
        #expect(json["sync_retired"] as? String == "2026-10-26")
        let endpoints = try #require(json["endpoints"] as? [[String: Any]])
        func endpoint(_ name: String) -> [String: Any]? { endpoints.first { $0["name"] as? String == name } }
        #expect(endpoint("retake")?["models"] as? [String] == ["ltx-2-3-pro"])
        #expect(endpoint("retake")?["default_model"] as? String == "ltx-2-3-pro")
        #expect(endpoint("audio-to-video")?["models"] as? [String] == ["ltx-2-5-fast", "ltx-2-5-pro", "ltx-2-3-pro"])
        #expect(endpoint("text-to-video")?["model_required"] as? Bool == true)
        #expect(endpoint("text-to-video")?["ltx_prep_default"] as? String == "ltx-2-3-fast")
        #expect(endpoint("extend")?["route"] as? String == "/v2/extend")
        let t2v = try #require(endpoint("text-to-video")?["prices"] as? [String: [String: Any]])
        #expect(t2v["ltx-2-5-pro"]?["4K"] as? Double == 0.39)
        // Price unknown is null, not a guess.
        let a2v = try #require(endpoint("audio-to-video")?["prices"] as? [String: [String: Any]])
        #expect(a2v["ltx-2-5-pro"]?["4K"] is NSNull && a2v["ltx-2-5-pro"]?["1080p"] as? Double == 0.17)
        // Reframe takes no model: no default, and its prices by the tiers it makes, as its estimates charge them.
        let reframe = try #require(endpoint("video-to-video-reframe"))
        #expect(reframe["ltx_prep_default"] is NSNull || reframe["ltx_prep_default"] == nil)
        let reframePrices = try #require(reframe["prices"] as? [String: [String: Any]])
        #expect(reframePrices["none"]?["720p"] as? Double == 0.10 && reframePrices["none"]?["1080p"] is NSNull && reframePrices["none"]?.count == 2)
        // A retake answers at 1080p only: the other tiers are not shown as unknown prices.
        #expect((endpoint("retake")?["prices"] as? [String: [String: Any]])?["ltx-2-3-pro"]?.keys.sorted() == ["1080p"])
        let removed = try #require(json["removed_models"] as? [[String: Any]])
        #expect(removed.contains { $0["id"] as? String == "ltx-2-pro" && $0["removed"] as? String == "2026-08-15"
            && $0["replacement"] as? String == "ltx-2-3-pro" })
        let matrix = try #require(json["matrix"] as? [[String: Any]])
        #expect(matrix.count == 4)
        #expect(json["automatic_duration_models"] as? [String] == ["ltx-2-5-fast", "ltx-2-5-pro"])
    }

    @Test func modelsTextNamesRemovedModelsAndPrices() async throws {
        let r = try await BinaryRunner.run(["models"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ltx-2-pro: deprecated 2026-07-15, removed 2026-08-15; use ltx-2-3-pro"))
        #expect(r.stdout.contains("/v2/retake                  ltx-2-3-pro*"))
        #expect(r.stdout.contains("    ltx-2-5-pro   ?      0.17   ?      ?"))
    }

    /// ltx-2-pro for image-to-video and retake, ltx-2-fast in a batch line:
    /// one line naming the replacement, exit 2, and the sandbox saw neither
    /// an upload ticket nor a job.
    @Test func aRemovedModelIsRefusedBeforeAnythingIsSent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let i2v = try await BinaryRunner.run(["image-to-video", Fixtures.path("image.png"), "--prompt", "p", "--duration", "6", "--model", "ltx-2-pro",
                                              "--yes", "-o", "\(dir)/i2v.mp4"], environment: sandbox.environment)
        #expect(i2v.status == 2)
        #expect(i2v.stderrLines.count == 1 && i2v.stderr.contains("ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro"), "\(i2v.stderr)")
        let retake = try await BinaryRunner.run(["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "--model", "ltx-2-pro",
                                                 "--yes", "-o", "\(dir)/retake.mp4"], environment: sandbox.environment)
        #expect(retake.status == 2)
        #expect(retake.stderrLines.count == 1 && retake.stderr.contains("ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro"), "\(retake.stderr)")
        let manifest = "\(dir)/batch.jsonl"
        try #"{"command":"text-to-video","prompt":"p","duration":6,"model":"ltx-2-fast","output":"\#(dir)/b.mp4"}"#
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let batch = try await BinaryRunner.run(["batch", manifest, "--yes"], environment: sandbox.environment)
        #expect(batch.status != 0)
        #expect((batch.stdout + batch.stderr).contains("ltx-2-fast was removed on 2026-08-15; use ltx-2-3-fast"), "\(batch.stdout)\(batch.stderr)")
        let paid = try await sandbox.paidFor()
        #expect(paid.jobs == 0 && paid.sync == 0 && paid.uploadTickets == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/i2v.mp4") && !FileManager.default.fileExists(atPath: "\(dir)/retake.mp4"))
    }

    /// A cell outside the matrix is refused by the check with the catalogue's
    /// requirement, and by the sandbox with the same requirement.
    @Test func aCellOutsideTheMatrixIsRefusedByBoth() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["text-to-video", "--prompt", "p", "--model", "ltx-2-3-pro", "--duration", "12", "--yes", "-o", "\(dir)/x.mp4"],
                                           environment: sandbox.environment)
        #expect(r.status == 2)
        let required = "1920x1080@24 with ltx-2-3-pro: 6, 8 or 10 s"
        #expect(r.stderr.contains("generation.combination: 1920x1080 at 24 fps for 12 s; required: \(required); fix: use a duration of 10 s"), "\(r.stderr)")
        var request = HTTPClientRequest(url: sandbox.baseURL + "/v2/text-to-video")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(sandbox.key)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(Array(#"{"prompt":"p","model":"ltx-2-3-pro","duration":12,"resolution":"1920x1080"}"#.utf8))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 400)
        let body = String(decoding: try await response.body.collect(upTo: 1 << 16).readableBytesView, as: UTF8.self)
        #expect(body.contains(required) && body.contains("invalid_request_error"), "\(body)")
        #expect(try await sandbox.paidFor().jobs == 0)
    }

    /// --sync gets one line saying why it is gone, exit 2, and nothing is sent.
    @Test func syncIsRefusedWithTheReason() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["text-to-video", "--prompt", "p", "--duration", "6", "--sync", "--yes", "-o", "\(dir)/s.mp4"],
                                           environment: sandbox.environment)
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("retired its sync v1 generation endpoints after 2026-10-26"), "\(r.stderr)")
        let paid = try await sandbox.paidFor()
        #expect(paid.jobs == 0 && paid.sync == 0)
    }

    /// `--duration auto` (`"duration": null`, the key kept): a 2.5 model is
    /// estimated at the longest length it may choose and gets a video; a 2.3
    /// model is refused locally; the sandbox answers a null duration for a 2.3
    /// model with a clean 400, never a decoder's text.
    @Test func automaticDuration() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["text-to-video", "--prompt", "p", "--model", "ltx-2-5-fast", "--duration", "auto", "--resolution", "1280x720",
                                            "--no-audio", "--yes", "-o", "\(dir)/auto.mp4"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        // 20 s at 720p, $0.09/s: the most the API may choose.
        #expect(r.stderr.contains("$1.80"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/auto.mp4"))
        let refused = try await BinaryRunner.run(["text-to-video", "--prompt", "p", "--model", "ltx-2-3-pro", "--duration", "auto", "--yes", "-o", "\(dir)/no.mp4"],
                                                 environment: sandbox.environment)
        #expect(refused.status == 2 && refused.stderr.contains("automatic duration with ltx-2-5-fast or ltx-2-5-pro"), "\(refused.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)

        for (model, status) in [("ltx-2-3-pro", 400), ("ltx-2-5-pro", 202)] {
            var request = HTTPClientRequest(url: sandbox.baseURL + "/v2/text-to-video")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(sandbox.key)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(#"{"prompt":"p","model":"\#(model)","duration":null,"resolution":"1280x720","generate_audio":false}"#.utf8))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = String(decoding: try await response.body.collect(upTo: 1 << 16).readableBytesView, as: UTF8.self)
            #expect(Int(response.status.code) == status, "\(model): \(body)")
            if status == 400 { #expect(body.contains("automatic duration") && !body.contains("DecodingError"), "\(body)") }
        }
    }

    /// audio-to-video takes today's models, any tier and fps: the answer has
    /// the asked size and rate; a model it does not take is refused locally;
    /// a cell the docs give no price for says so rather than guess.
    @Test func audioToVideoModelsTiersAndFPS() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--prompt", "p", "--model", "ltx-2-3-pro",
                                            "--resolution", "720x1280", "--fps", "48", "--yes", "-o", "\(dir)/a2v.mp4"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("$0.06/s"), "\(r.stderr)")  // ltx-2-3-pro at 720p, per second of audio
        let v = try #require(try MediaProbe.probeBlocking("\(dir)/a2v.mp4").primaryVideo)
        #expect(v.displayWidth == 720 && v.displayHeight == 1280 && v.frameRate == 48)
        let fast = try await BinaryRunner.run(["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--prompt", "p", "--model", "ltx-2-3-fast", "--yes",
                                               "-o", "\(dir)/no.mp4"], environment: sandbox.environment)
        #expect(fast.status == 2 && fast.stderrLines.count == 1 && fast.stderr.contains("ltx-2-3-fast"), "\(fast.stderr)")
        let unknown = try await BinaryRunner.run(["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--prompt", "p", "--model", "ltx-2-5-pro",
                                                  "--resolution", "3840x2160", "--max-cost", "10", "--yes", "-o", "\(dir)/unknown.mp4"],
                                           environment: sandbox.environment)
        #expect(unknown.status == 2 && unknown.stderr.contains("--max-cost cannot be honoured"), "\(unknown.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
    }

    /// `--last-frame`: delivered like the first image and sent as
    /// `last_frame_uri`; with an automatic duration refused before anything is sent.
    @Test func lastFrame() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let auto = try await BinaryRunner.run(["image-to-video", Fixtures.path("image.png"), "--last-frame", Fixtures.path("image.jpg"), "--prompt", "p",
                                               "--model", "ltx-2-5-fast", "--duration", "auto", "--yes", "-o", "\(dir)/auto.mp4"], environment: sandbox.environment)
        #expect(auto.status == 2 && auto.stderr.contains("with a last frame") && auto.stderr.contains("fix: give a duration"), "\(auto.stderr)")
        #expect(try await sandbox.paidFor().uploadTickets == 0)
        let r = try await BinaryRunner.run(["image-to-video", Fixtures.path("image.png"), "--last-frame", Fixtures.path("image.jpg"), "--prompt", "p",
                                            "--duration", "6", "--resolution", "1280x720", "--no-audio", "--yes", "--json", "-o", "\(dir)/last.mp4"],
                                     environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let paid = try await sandbox.paidFor()
        #expect(paid.uploadTickets == 2 && paid.jobs == 1)
        #expect(FileManager.default.fileExists(atPath: "\(dir)/last.mp4"))
    }

    /// The sandbox's v1 text-to-video: retired (404 naming v2) unless --serve-retired-v1, then the
    /// video itself, for the body an older client sends (fps as a float, a null duration).
    @Test func retiredV1RoutesAndTheirFlag() async throws {
        for (flags, status) in [([String](), 404), (["--serve-retired-v1"], 200)] {
            let sandbox = try SandboxProcess(flags)
            defer { sandbox.stop() }
            var request = HTTPClientRequest(url: sandbox.baseURL + "/v1/text-to-video")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(sandbox.key)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(#"{"prompt":"p","model":"ltx-2-5-fast","duration":null,"fps":24.0,"resolution":"1280x720","generate_audio":false}"#.utf8))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 1 << 26)
            #expect(Int(response.status.code) == status, "\(flags)")
            if status == 404 {
                let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                let error = json?["error"] as? [String: Any]
                #expect(error?["type"] as? String == "not_found_error")
                #expect((error?["message"] as? String)?.contains("submit to POST /v2/text-to-video") == true)
            } else {
                #expect(response.headers.first(name: "content-type") == "video/mp4" && body.readableBytes > 1000)
            }
        }
    }

    /// `/v2/extend`: a job whose answer keeps the input's size and rate with the
    /// seconds asked for added (frames counted); models other than ltx-2-3-pro refused.
    @Test func extendKeepsTheInputAndAddsTheSeconds() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_200kbps.mp4")  // 320x180: extend takes 16:9 or 9:16
        let config = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: sandbox.environment)
        let uploaded = try await LTXAPIClient(configuration: config).upload(file: input, contentType: "video/mp4")
        func post(_ body: String) async throws -> (Int, [String: Any]) { try await sandbox.postJSON("/v2/extend", body) }
        let uri = uploaded.ticket.storageUri
        // A 2:1 picture is refused as the API refuses it: extend takes 16:9 or 9:16.
        let wide = try await LTXAPIClient(configuration: config).upload(file: Fixtures.path("conformant_h264_aac.mp4"), contentType: "video/mp4")
        let (shape, shapeError) = try await post(#"{"video_uri":"\#(wide.ticket.storageUri)","duration":2}"#)
        #expect(shape == 400 && ((shapeError["error"] as? [String: Any])?["message"] as? String)?.contains("must be 16:9 or 9:16") == true)
        let (refused, error) = try await post(#"{"video_uri":"\#(uri)","duration":2,"model":"ltx-2-pro"}"#)
        #expect(refused == 400 && ((error["error"] as? [String: Any])?["message"] as? String)?.contains("use ltx-2-3-pro") == true)
        let (status, job) = try await post(#"{"video_uri":"\#(uri)","duration":2,"prompt":"on"}"#)
        #expect(status == 202)
        let id = try #require(job["id"] as? String)
        let finished = try await sandbox.jobResult("extend", id: id)
        let url = finished?["video_url"] as? String
        let result = try await HTTPClient.shared.execute(HTTPClientRequest(url: try #require(url)), timeout: .seconds(30))
        let bytes = try await result.body.collect(upTo: 1 << 26)
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: "\(dir)/extended.mp4"))
        let before = try #require(try MediaProbe.probeBlocking(input).primaryVideo)
        let after = try #require(try MediaProbe.probeBlocking("\(dir)/extended.mp4").primaryVideo)
        #expect(after.displayWidth == before.displayWidth && after.displayHeight == before.displayHeight)
        let fps = try #require(before.frameRate)
        #expect(after.frameCount == before.frameCount + Int((2 * fps).rounded()), "\(before.frameCount) -> \(after.frameCount)")
    }

    /// `/v2/video-to-video-hdr`: a job whose answer (`exr_frames_url`) is a ZIP of one OpenEXR image per
    /// frame; an input past its tier's frames is a 400 naming the limit.
    @Test func hdrAnswersAZipOfEXRFrames() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let config = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: sandbox.environment)
        let client = LTXAPIClient(configuration: config)
        func post(_ uri: String) async throws -> (Int, [String: Any]) {
            try await sandbox.postJSON("/v2/video-to-video-hdr", #"{"video_uri":"\#(uri)"}"#)
        }
        let long = try await client.upload(file: Fixtures.path("h264_60s_gop2s.mp4"), contentType: "video/mp4")
        let (refused, error) = try await post(long.ticket.storageUri)
        #expect(refused == 400 && ((error["error"] as? [String: Any])?["message"] as? String)?.contains("the most is 181") == true, "\(error)")

        let clip = try await client.upload(file: Fixtures.path("h264_aac_200kbps.mp4"), contentType: "video/mp4")
        // output_colorspace is one of four names (Catalogue.HDR, 2026-12-07); another is a 400 listing them.
        let (badSpace, spaceError) = try await sandbox.postJSON("/v2/video-to-video-hdr",
                                                                #"{"video_uri":"\#(clip.ticket.storageUri)","output_colorspace":"rec709"}"#)
        #expect(badSpace == 400)
        #expect((spaceError["error"] as? [String: Any])?["message"] as? String
                == "output_colorspace rec709 is not offered: one of acescg, acescct, srgb_linear, aces2065-1", "\(spaceError)")
        let (status, job) = try await post(clip.ticket.storageUri)
        #expect(status == 202)
        let id = try #require(job["id"] as? String)
        let finished = try await sandbox.jobResult("video-to-video-hdr", id: id)
        // Beside the frames, as the API answers since the catalogue's HDR facts (2026-12-07): an HLG HEVC video made from them.
        let video = try #require(finished?["video_url"] as? String, "\(String(describing: finished))")
        let preview = try await HTTPClient.shared.execute(HTTPClientRequest(url: video), timeout: .seconds(30))
        #expect(preview.headers.first(name: "content-type") == "video/mp4")
        let previewPath = NSTemporaryDirectory() + "hdr-preview-\(id).mp4"
        try Data(try await preview.body.collect(upTo: 1 << 26).readableBytesView).write(to: URL(fileURLWithPath: previewPath))
        defer { try? FileManager.default.removeItem(atPath: previewPath) }
        let hlg = try #require(try MediaProbe.probeBlocking(previewPath).primaryVideo)
        #expect(hlg.codec == "hevc" && hlg.colorTransfer == "arib-std-b67" && hlg.colorPrimaries == "bt2020" && hlg.frameCount == 97)
        let url = finished?["exr_frames_url"] as? String
        let answer = try await HTTPClient.shared.execute(HTTPClientRequest(url: try #require(url)), timeout: .seconds(30))
        #expect(answer.headers.first(name: "content-type") == "application/zip")
        let zip = Array(try await answer.body.collect(upTo: 1 << 28).readableBytesView)
        // The end of the central directory says how many members; the first is deflated (method 8) and named by frame.
        let end = zip.count - 22
        #expect(Array(zip[end..<(end + 4)]) == [0x50, 0x4b, 0x05, 0x06])
        #expect(Int(zip[end + 10]) | Int(zip[end + 11]) << 8 == 97)
        #expect(Int(zip[8]) | Int(zip[9]) << 8 == 8)
        let nameLength = Int(zip[26]) | Int(zip[27]) << 8
        #expect(String(decoding: zip[30..<(30 + nameLength)], as: UTF8.self) == "frame_000001.exr")
        // Each member an EXR (magic 76 2f 31 01) carrying ACEScg's chromaticities, the default colour space.
        let file = TemporaryDirectory.make("ltx-hdr-answer") + "/answer.zip"
        try Data(zip).write(to: URL(fileURLWithPath: file))
        let first = try EXRArchive(path: file, expectedFrames: 97).frame(1)
        #expect(Array(first.prefix(4)) == [0x76, 0x2f, 0x31, 0x01])
        #expect(EXRHeader(first)?.chromaticities(in: first).flatMap { HDRColorSpace.matching($0, asked: .acescg) } == .acescg)
    }
}
