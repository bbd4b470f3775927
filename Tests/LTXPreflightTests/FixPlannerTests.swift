import LTXContract
import Testing
import TestSupport
import LTXMedia
@testable import LTXPreflight

/// Plans for real fixtures: the fewest, cheapest operations.
@Suite struct FixPlannerTests {
    func plan(_ name: String, _ request: CheckRequest = CheckRequest()) async throws -> Result<FixPlan, FixPlanError> {
        FixPlanner.plan(try await Preflight.check(Fixtures.path(name), request))
    }

    func actions(_ name: String, _ request: CheckRequest = CheckRequest()) async throws -> [FixAction] {
        try await plan(name, request).get().operations.map(\.action)
    }

    @Test func conformantMP4IsCopiedUnchanged() async throws {
        let p = try await plan("conformant_h264_aac.mp4").get()
        #expect(p.output == .unchanged)
        #expect(p.operations.isEmpty)
    }

    @Test func theStreamsSizeDecidesTheScaleNeverTheHeader() async throws {
        // 1920x1080 in the header, 4096x2160 in the SPS: downscale from the SPS.
        let big = try await plan("crafted_hdr1080_4096x2160.mp4").get()
        #expect(big.operations.map(\.action) == [.downscale])
        #expect(big.video == .encode(VideoEncoding(width: 3840, height: 2024)))
        // 65535x65535 in the header, 128x64 in the SPS: nothing to scale, ever up.
        let small = try await plan("crafted_hdr65535_128x64.mp4").get()
        #expect(small.output == .unchanged)
        #expect(small.operations.isEmpty)
    }

    @Test func conformantMKVIsRemuxedNotEncoded() async throws {
        let p = try await plan("hevc_aac.mkv").get()
        #expect(p.output == .mp4)
        #expect(p.operations.map(\.action) == [.remux])
        #expect(p.isLossless)
    }

    @Test func cheapestPathPerProblem() async throws {
        #expect(try await actions("h264.ts") == [.remux])
        #expect(try await actions("vp9_opus.webm") == [.reencodeVideo, .transcodeAudio])
        #expect(try await actions("prores.mov") == [.reencodeVideo])
        #expect(try await actions("h264_heaac.mp4") == [.transcodeAudio])
        #expect(try await actions("h264_pcm.mov") == [.transcodeAudio])
        #expect(try await actions("h264_48f.mp4") == [.padFrames])
        #expect(try await actions("h264_60fps_600f.mp4") == [.lowerFrameRate])
        #expect(try await actions("h264_4096x2160.mp4") == [.downscale])
    }

    @Test func audioIsTheOnlyStreamTouchedForHEAAC() async throws {
        let p = try await plan("h264_heaacv2.mp4").get()
        #expect(p.video == .copy)
        #expect(p.audio == .encode(AudioEncoding()))
    }

    @Test func settingsFollowTheFindings() async throws {
        let down = try await plan("h264_4096x2160.mp4").get()
        guard case .encode(let e) = down.video else { Issue.record("not encoded"); return }
        #expect(e.width == 3840 && e.height == 2024)
        let fast = try await plan("h264_60fps_600f.mp4").get()
        guard case .encode(let f) = fast.video else { Issue.record("not encoded"); return }
        #expect(f.frameRate == 50)
        #expect(try await plan("h264_48f.mp4").get().padVideoToFrames == 73)
    }

    @Test func longClipNeedsASection() async throws {
        guard case .failure(.clipNeedsSection) = try await plan("h264_60s_gop2s.mp4") else {
            Issue.record("planned without a section")
            return
        }
    }

    /// A 21 s window (504 frames at 24 fps) centred on the section.
    @Test func windowIsCentredOnTheSection() async throws {
        let p = try await plan("h264_60s_gop2s.mp4", CheckRequest(section: RetakeSection(start: 28, duration: 4))).get()
        #expect(p.operations.map(\.action) == [.cutWindow])
        #expect(p.video == .copy)
        #expect(p.window == TimeWindow(start: 19.5, duration: 21))
        // Near the end, the window is pulled back inside the clip.
        let end = try await plan("h264_60s_gop2s.mp4", CheckRequest(section: RetakeSection(start: 57, duration: 2))).get()
        #expect(end.window == TimeWindow(start: 39, duration: 21))
    }

    @Test func audioInputs() async throws {
        #expect(try await actions("pcm_5s.wav") == [.transcodeAudio])
        #expect(try await actions("he_aac.m4a") == [.transcodeAudio])
        let short = try await plan("mp3_1s.mp3").get()
        #expect(short.audio == .encode(AudioEncoding(minDuration: 2)))
        let long = try await plan("vorbis_25s.ogg").get()
        // The first 20 s, cut to the sample, and the plan says which part.
        #expect(long.audio == .encode(AudioEncoding()))
        #expect(long.window == TimeWindow(start: 0, duration: 20))
        #expect(long.output == .m4a)
        // AAC-LC in a video file: taken out by stream copy.
        let extract = try await plan("conformant_h264_aac.mp4", CheckRequest(endpoint: .audioToVideo)).get()
        #expect(extract.operations.map(\.action) == [.extractAudio])
        #expect(extract.audio == .copy)
        #expect(try await plan("opus_5s.ogg").get().output == .unchanged)
    }

    @Test func images() async throws {
        #expect(try await plan("image.bmp").get().output == .png)
        #expect(try await plan("image.gif").get().operations.map(\.action) == [.convertImage])
        #expect(try await plan("image.webp").get().output == .unchanged)
    }

    @Test func unfixable() async throws {
        guard case .failure(.unfixable(let findings)) = try await plan("aac_lc_5s.m4a", CheckRequest(endpoint: .retake)) else {
            Issue.record("audio planned as a retake video")
            return
        }
        #expect(findings.map(\.rule) == [.videoStream])
    }

    /// A size fix for data-uri re-encodes (the check's "deliver by upload
    /// instead" is advice, not a fix), and a miss lowers the rate once more.
    @Test func aDataURIMissIsRecompressedThenLowered() async throws {
        // The 114 KB fixture as the 20 MB phone clip it stands for.
        var media = try await Preflight.check(Fixtures.path("h264_aac_200kbps.mp4")).media
        media.sizeBytes = 20_000_000
        let report = try Preflight.evaluate(media, CheckRequest(delivery: .dataURI)).get()
        #expect(report.findings.first { $0.rule == .deliverySize }?.fixAction == .changeRequest)
        let p = try FixPlanner.plan(report).get()
        #expect(p.operations.map(\.action) == [.recompress])
        guard case .encode(let v) = p.video, let rate = v.bitRate else { Issue.record("no bit rate: \(p.video)"); return }
        // 90% of the file bytes that fit 15 MB of base64 over the clip, less the audio.
        let fileBytes = Delivery.fileBytes(fitting: (15_000_000, true), mimeType: "video/mp4")
        let seconds = try #require(media.primaryVideo?.duration)
        #expect(rate == FixPlanner.videoBitRate(fileBytes: fileBytes, seconds: seconds, audioBitRate: 3337))

        // The same clip standing for an output that missed: the rate drops by more than the miss.
        let lowered = try #require(FixPlanner.lowered(p, written: report))
        guard case .encode(let w) = lowered.video, let second = w.bitRate else { Issue.record("\(lowered.video)"); return }
        #expect(Double(second) < Double(rate) * 11_250_000 / 20_000_000)
        #expect(lowered.operations.map(\.action) == [.recompress, .recompress])
        // A plan without a bit rate has nothing to lower.
        #expect(FixPlanner.lowered(try await plan("h264.ts").get(), written: report) == nil)
    }

    /// A window cut from a file too big for a data URI is measured once cut: the plan copies it,
    /// and its header says it is re-encoded only if it is still too big.
    @Test func aWindowFromAFileTooBigToSendIsCopiedFirst() async throws {
        var media = try await Preflight.check(Fixtures.path("h264_aac_720p30_30s.mp4")).media
        media.sizeBytes = 60_000_000
        let report = try Preflight.evaluate(media, CheckRequest(section: RetakeSection(start: 14, duration: 4), delivery: .dataURI)).get()
        let p = try FixPlanner.plan(report).get()
        #expect(p.operations.first { $0.action == .cutWindow }?.rules.contains(.deliverySize) == true)
        #expect(p.isLossless)
        #expect(p.text(for: "clip.mp4").hasPrefix("clip.mp4: plan (no re-encoding unless the window is still too big to send)"), "\(p.text(for: "clip.mp4"))")
    }

    /// libx264's nine presets, the default among them.
    @Test func presets() {
        #expect(FixOptions.presets.sorted() == ["fast", "faster", "medium", "slow", "slower", "superfast", "ultrafast", "veryfast", "veryslow"])
        #expect(FixOptions.presets.contains(FixOptions().preset))
    }
}
