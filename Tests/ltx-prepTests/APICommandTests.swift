import Foundation
import LTXClient
import LTXContract
import LTXMedia
import Testing
import TestSupport

/// Every API command, end to end: the built binary against the project's
/// own sandbox on a random loopback port.
@Suite struct APICommandTests {
    let dir = TemporaryDirectory.make("ltx-api")

    func files() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] }

    func run(_ sandbox: SandboxProcess, _ args: [String]) async throws -> BinaryRunner.Output {
        let r = try await BinaryRunner.run(args, environment: sandbox.environment)
        // The key is never shown, --verbose included.
        #expect(!r.stdout.contains(sandbox.key) && !r.stderr.contains(sandbox.key))
        return r
    }

    func probe(_ name: String) throws -> MediaInfo { try MediaProbe.probeBlocking("\(dir)/\(name)") }

    @Test func retakeReplacesTheSectionPerMode() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("conformant_h264_aac.mp4")
        let both = try await run(sandbox, ["retake", input, "--start", "1", "--duration", "2", "--prompt", "a cat", "-o", "\(dir)/both.mp4", "--verbose"])
        #expect(both.status == 0, "\(both.stderr)")
        let audioOnly = try await run(sandbox, ["retake", input, "--start", "1", "--duration", "2", "--mode", "replace_audio", "-o", "\(dir)/audio.mp4"])
        #expect(audioOnly.status == 0, "\(audioOnly.stderr)")
        // A playable MP4 of the input's length.
        let out = try probe("both.mp4")
        #expect(out.primaryVideo?.frameCount == 97)
        #expect(out.primaryAudio?.codec == "aac")
        // replace_video shows 2 s of 4 as a negative: far from the input; replace_audio keeps the picture.
        let changed = try VideoComparison.compare(reference: input, distorted: "\(dir)/both.mp4")
        let kept = try VideoComparison.compare(reference: input, distorted: "\(dir)/audio.mp4")
        #expect(changed.psnr < 15, "\(changed.psnr)")
        #expect(kept.psnr > 25, "\(kept.psnr)")
    }

    @Test func retakeFixesTheInputFirst() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["retake", Fixtures.path("h264_heaacv2.mp4"), "--start", "1", "--duration", "2", "-o", "\(dir)/fixed.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("transcode-audio"))
        #expect(try probe("fixed.mp4").primaryVideo?.frameCount == 97)
        #expect(files() == ["fixed.mp4"])
    }

    @Test func longClipIsRetakenAsAWindow() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["retake", Fixtures.path("h264_60s_gop2s.mp4"), "--start", "28", "--duration", "4",
                                        "-o", "\(dir)/window.mp4", "--json", "--window-only"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let window = try #require(object["window"] as? [String: Any])
        // The whole retake's window: 2 s of context each side, from the keyframe at 26 s, 8 s at 24 fps.
        #expect(window["input_start"] as? Double == 26)
        #expect(window["section_start"] as? Double == 2)
        let v = try #require(try probe("window.mp4").primaryVideo)
        #expect(v.frameCount == 192)
    }

    @Test func segmindRetakeWithADataURI() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["retake", Fixtures.path("hevc_aac.mkv"), "--start", "0.5", "--duration", "2", "--provider", "segmind",
                                        "-o", "\(dir)/segmind.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no documented price"))
        #expect(try probe("segmind.mp4").primaryVideo?.frameCount == 97)
    }

    @Test func textToVideo() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["text-to-video", "--prompt", "an eagle", "--model", "ltx-2-3-fast", "--duration", "6",
                                        "--resolution", "1920x1080", "--fps", "25", "--camera-motion", "dolly_in", "-o", "\(dir)/t2v.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("$0.36"))
        let v = try #require(try probe("t2v.mp4").primaryVideo)
        #expect(v.frameCount == 150 && v.displayWidth == 1920 && v.displayHeight == 1080)
        let silent = try await run(sandbox, ["text-to-video", "--prompt", "x", "--duration", "6", "--resolution", "1280x720", "--no-audio", "-o", "\(dir)/silent.mp4"])
        #expect(silent.status == 0)
        #expect(try probe("silent.mp4").audio.isEmpty)
    }

    @Test func imageToVideoConvertsTheImage() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["image-to-video", Fixtures.path("image.bmp"), "--prompt", "drift", "--duration", "6",
                                        "--deliver", "data-uri", "-o", "\(dir)/i2v.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        // The data URI streams into a v2 job's body: LTX's sync v1 routes are retired.
        let paid = try await sandbox.paidFor()
        #expect(paid.jobs == 1 && paid.sync == 0)
        #expect(r.stderr.contains("convert-image"))
        #expect(try probe("i2v.mp4").primaryVideo?.frameCount == 144)  // 6 s at the default 24 fps
    }

    @Test func audioToVideoFollowsTheAudio() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--image", Fixtures.path("image.png"),
                                        "-o", "\(dir)/a2v.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        let media = try probe("a2v.mp4")
        #expect(media.primaryVideo?.frameCount == 120)  // 5 s at the API's default 24 fps (ltx-api-2026.md §3)
        #expect(media.primaryVideo?.frameRate == 24)
        #expect(abs((media.primaryAudio?.duration ?? 0) - 5) < 0.05)
    }

    /// `--last-frame` and `--camera-motion` reach the body; the last frame is uploaded like the first.
    @Test func audioToVideoTakesALastFrameAndACameraMotion() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dry = try await run(sandbox, ["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--image", Fixtures.path("image.png"), "--last-frame",
                                          Fixtures.path("image.jpg"), "--camera-motion", "dolly_in", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains(#""camera_motion":"dolly_in""#) && dry.stdout.contains(#""last_frame_uri":"ltx://uploads/<after upload>""#),
                "\(dry.stdout)")
        let r = try await run(sandbox, ["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--image", Fixtures.path("image.png"), "--last-frame",
                                        Fixtures.path("image.jpg"), "--camera-motion", "dolly_in", "-o", "\(dir)/a2v-last.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try probe("a2v-last.mp4").primaryVideo?.frameCount == 120)
        #expect(try await sandbox.paidFor().uploadTickets == 3)
        let alone = try await run(sandbox, ["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--prompt", "x", "--last-frame", Fixtures.path("image.jpg"),
                                            "--dry-run"])
        #expect(alone.status == 2 && alone.stderr.contains("--last-frame needs --image"), "\(alone.stderr)")
    }

    @Test func uploadPrintsTheStorageURI() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["upload", Fixtures.path("image.png")])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ltx://uploads/"))
        // --json says when each URL stops working: the upload URL after 1 h, the storage URI after 24 h.
        let j = try await run(sandbox, ["upload", Fixtures.path("image.png"), "--json"])
        let line = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any] ?? [:]
        let formatter = ISO8601DateFormatter()
        let upload = try #require((line["upload_url_expires_at"] as? String).flatMap(formatter.date(from:)))
        let storage = try #require((line["storage_uri_expires_at"] as? String).flatMap(formatter.date(from:)))
        #expect(abs(upload.timeIntervalSinceNow - 3600) < 120)
        #expect(abs(storage.timeIntervalSinceNow - 86_400) < 120)
    }

    /// The output is compared with the input by device and inode: another
    /// spelling of the input's path is refused, --force or not.
    @Test func retakeNeverWritesOverItsInput() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = "\(dir)/in.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let r = try await run(sandbox, ["retake", input, "--start", "1", "--duration", "2", "-o", "\(dir)/./in.mp4", "--force", "--yes"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("is the input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    /// A prompt over 5000 characters is the request's fault: check's message, no fix attempted.
    @Test func retakeRefusesALongPromptLikeCheck() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2",
                                        "--prompt", String(repeating: "a", count: 5001), "-o", "\(dir)/long.mp4", "--yes"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("prompt.length") && r.stderr.contains("5001") && !r.stderr.contains("still breaks"))
        #expect(files().isEmpty)
    }

    @Test func sandboxRefusesAMissingStorageFolder() async throws {
        let r = try await BinaryRunner.run(["sandbox", "--storage", "\(dir)/missing"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("not an existing folder"))
    }

    /// Segmind serves retake only: the other commands say so in one line, exit 2, before any work.
    @Test(arguments: [["text-to-video", "--prompt", "x", "--duration", "6"], ["audio-to-video", "AUDIO"],
                      ["image-to-video", "IMAGE", "--prompt", "x", "--duration", "6"], ["upload", "IMAGE"]])
    func segmindOffersRetakeOnly(_ args: [String]) async throws {
        let resolved = args.map { $0 == "AUDIO" ? Fixtures.path("aac_lc_5s.m4a") : $0 == "IMAGE" ? Fixtures.path("image.png") : $0 }
        let output = args[0] == "upload" ? [] : ["-o", "\(dir)/segmind-\(args[0]).mp4"]
        let r = try await BinaryRunner.run(resolved + output + ["--provider", "segmind"], environment: ["SEGMIND_API_KEY": "k"])
        #expect(r.status == 2)
        #expect(r.stderr == "ltx-prep: Segmind serves retake only (see 'ltx-prep \(args[0]) --help')\n", "\(r.stderr)")
        #expect(files().isEmpty)
    }

    /// `--deliver url`: the documented address rules are checked before
    /// anything is sent, and a fixed file is never "delivered" by a URL that
    /// serves the unfixed one. One line, exit 2, no output file.
    @Test(arguments: [("conformant_h264_aac.mp4", "http://cdn.example.com/clip.mp4", "delivery.url: http URL, not https"),
                      ("conformant_h264_aac.mp4", "https://203.0.113.7/clip.mp4", "delivery.url: an IP address"),
                      ("h264_heaac.mp4", "https://cdn.example.com/clip.mp4", "breaks audio.aac-profile; with --deliver url the API fetches the file as it is")])
    func urlDeliveryRefusals(_ fixture: String, _ url: String, _ message: String) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["retake", Fixtures.path(fixture), "--start", "1", "--duration", "2",
                                        "--deliver", "url", "--url", url, "-o", "\(dir)/url.mp4"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("ltx-prep:") || $0.contains("error") }.count <= 1, "\(r.stderr)")
        #expect(!files().contains("url.mp4"))
    }

    /// `upload --dry-run` says what it would send and sends nothing.
    @Test func uploadDryRunSendsNothing() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["upload", Fixtures.path("conformant_h264_aac.mp4"), "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("dry run: would POST /v1/upload, then PUT 9421 bytes"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: sandbox.storage)) ?? ["?"]).isEmpty)
    }

    /// `--json` says what was sent and how fast; the stored copy is the file, byte for byte.
    @Test func uploadJSONReportsTheTransfer() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let source = Fixtures.path("h264_60s_gop2s.mp4")
        let r = try await run(sandbox, ["upload", source, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let size = try #require(FileManager.default.attributesOfItem(atPath: source)[.size] as? Int)
        #expect(object["bytes"] as? Int == size)
        #expect((object["seconds"] as? Double ?? 0) > 0 && (object["bytes_per_second"] as? Double ?? 0) > 0)
        let uri = try #require(object["storage_uri"] as? String)
        #expect(uri.hasPrefix("ltx://uploads/"))
        let stored = try Data(contentsOf: URL(fileURLWithPath: "\(sandbox.storage)/upload-\(uri.dropFirst("ltx://uploads/".count))"))
        #expect(stored == (try Data(contentsOf: URL(fileURLWithPath: source))))
    }

    /// 429 (Retry-After 1) then 503 then success: one result, after waiting at least Retry-After.
    @Test func rateLimitThenUnavailableThenSuccess() async throws {
        let sandbox = try SandboxProcess(["--script", "429,503", "--retry-after", "1"])
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["text-to-video", "--prompt", "x", "--duration", "6", "--resolution", "1280x720", "-o", "\(dir)/retry.mp4", "--verbose"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("HTTP 429 rate_limit_error"))
        #expect(r.stderr.contains("retrying in 1.0 seconds"))
        #expect(r.stderr.contains("HTTP 503 service_unavailable"))
        #expect(r.stderr.contains("(attempt 3)") && !r.stderr.contains("(attempt 4)"))
        #expect(files() == ["retry.mp4"])
    }

    @Test(arguments: [(422, "content_filtered_error: Content is filtered due to policy restrictions"),
                      (402, "insufficient_funds_error"), (400, "invalid_request_error")])
    func clientErrorsFailAtOnce(_ status: Int, _ message: String) async throws {
        let sandbox = try SandboxProcess(["--script", "\(status)"])
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["text-to-video", "--prompt", "x", "--duration", "6", "-o", "\(dir)/x.mp4", "--verbose"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("HTTP \(status)") && r.stderr.contains(message))
        #expect(r.stderr.contains("x-request-id"))
        #expect(!r.stderr.contains("(attempt 2)"))
        #expect(files().isEmpty)
    }

    @Test func wrongKeyFailsAtOnce() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        var env = sandbox.environment
        env["LTXV_API_KEY"] = "not-the-key"
        let r = try await BinaryRunner.run(["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2",
                                            "-o", "\(dir)/x.mp4", "--verbose"], environment: env)
        #expect(r.status == 3)
        #expect(r.stderr.contains("HTTP 401 authentication_error: Invalid API key"))
        #expect(!r.stderr.contains("not-the-key"))
    }

    @Test func droppedDownloadLeavesNothing() async throws {
        let sandbox = try SandboxProcess(["--drop-after-bytes", "4000"])
        defer { sandbox.stop() }
        let r = try await run(sandbox, ["text-to-video", "--prompt", "x", "--duration", "6", "--resolution", "1280x720", "-o", "\(dir)/cut.mp4"])
        #expect(r.status == 4)
        #expect(r.stderr.contains("dropped"))
        #expect(files().isEmpty)
    }

    @Test func maxCostAndDryRunSendNothing() async throws {
        let sandbox = try SandboxProcess(["--script", "500,500,500,500,500"])
        defer { sandbox.stop() }
        let input = Fixtures.path("conformant_h264_aac.mp4")
        let refused = try await run(sandbox, ["retake", input, "--start", "1", "--duration", "2", "-o", "\(dir)/x.mp4", "--max-cost", "0.1"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("above --max-cost"))
        let dry = try await run(sandbox, ["retake", input, "--start", "1", "--duration", "2", "--dry-run"])
        #expect(dry.status == 0)
        // The route it would really take: a v2 job.
        #expect(dry.stdout.contains(#"dry run: would POST /v2/retake {"duration":2,"start_time":1"#), "\(dry.stdout)")
        #expect(files().isEmpty)
    }

    /// The part of a long audio sent is the one asked for, and it is what is priced.
    @Test func audioToVideoSendsThePartAskedFor() async throws {
        let r = try await BinaryRunner.run(["audio-to-video", Fixtures.path("vorbis_25s.ogg"), "--prompt", "x", "--audio-start", "10", "--dry-run"],
                                           environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(r.status == 0, "\(r.stderr)")
        // The plan and the estimate go to stderr, the request to stdout.
        #expect(r.stderr.contains("keep 10 s to 25 s of the 25 s audio"), "\(r.stderr)")
        #expect(r.stderr.contains("$1.50 (15.000 s of input"), "\(r.stderr)")
        #expect(files().isEmpty)
    }

    /// ltx-2-5-pro takes 10 s of audio (ltx-api-2026.md §3): the check says so and the fix keeps 10 s, priced as such.
    @Test func audioToVideoKeepsWhatTheModelTakes() async throws {
        let r = try await BinaryRunner.run(["audio-to-video", Fixtures.path("vorbis_25s.ogg"), "--prompt", "x", "--model", "ltx-2-5-pro", "--dry-run"],
                                           environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("keep 0 s to 10 s of the 25 s audio"), "\(r.stderr)")
        #expect(r.stderr.contains("$1.70 (10.000 s of input at $0.17/s)"), "\(r.stderr)")
        let check = try await BinaryRunner.run(["audio-to-video", Fixtures.path("vorbis_25s.ogg"), "--prompt", "x", "--model", "ltx-2-3-pro", "--dry-run"],
                                               environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(check.stderr.contains("keep 0 s to 20 s of the 25 s audio"), "\(check.stderr)")
    }

    @Test func plainHTTPOffLoopbackIsRefused() async throws {
        let r = try await BinaryRunner.run(["text-to-video", "--prompt", "x", "--duration", "6", "-o", "\(dir)/x.mp4"],
                                           environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://192.0.2.1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("plain http is refused"))
    }

    /// The sandbox applies the same rules as `check`: an HE-AAC file sent
    /// as it is gets the documented 400.
    @Test func sandboxRejectsWhatCheckRejects() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let config = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: sandbox.environment)
        let client = LTXAPIClient(configuration: config)
        let uploaded = try await client.upload(file: Fixtures.path("h264_heaac.mp4"), contentType: "video/mp4")
        #expect(uploaded.bytes == 31_537 && uploaded.seconds > 0)
        do {
            _ = try await client.submit(.retake(RetakeRequest(videoUri: uploaded.ticket.storageUri, startTime: 1, duration: 2)))
            Issue.record("accepted an HE-AAC file")
        } catch {
            guard case .api(let e, let attempts, _) = error else { Issue.record("\(error)"); return }
            #expect(e.status == 400 && e.type == "invalid_request_error")
            #expect(e.message.contains("audio.aac-profile"))
            #expect(attempts == 1)
        }
        #expect(files().isEmpty)
    }

    @Test func expiredUploadURLIsRefused() async throws {
        let sandbox = try SandboxProcess(["--upload-url-lifetime", "0"])
        defer { sandbox.stop() }
        let config = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: sandbox.environment)
        do {
            _ = try await LTXAPIClient(configuration: config).upload(file: Fixtures.path("image.png"), contentType: "image/png")
            Issue.record("uploaded to an expired URL")
        } catch {
            guard case .api(let e, _, _) = error else { Issue.record("\(error)"); return }
            #expect(e.status == 403 && e.message == "Request has expired")
        }
    }
}
