import LTXContract
import Testing
import LTXMedia
@testable import LTXPreflight
import TestSupport

/// Each fixture checked for the endpoint its kind implies; the rules that
/// fail and warn are exactly the ones listed.
@Suite struct FixtureVerdictTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var endpoint: Endpoint? = nil
        var errors: Set<RuleID> = []
        var warnings: Set<RuleID> = []
        var testDescription: String { file + (endpoint.map { " for \($0.rawValue)" } ?? "") }
    }

    static let cases: [Case] = [
        Case(file: "conformant_h264_aac.mp4"),
        Case(file: "h264_aac.mov"),
        Case(file: "hevc_aac.mkv"),
        Case(file: "h264_73f.mp4"),
        Case(file: "h264_96f.mp4", warnings: [.latentFrameCount]),
        Case(file: "h264_72f.mp4", errors: [.videoFrameCount], warnings: [.latentFrameCount]),
        Case(file: "h264_48f.mp4", errors: [.videoFrameCount], warnings: [.latentFrameCount]),
        Case(file: "h264_60fps_600f.mp4", errors: [.videoFrameCount], warnings: [.latentFrameCount]),
        Case(file: "h264_25s_8fps.mp4", errors: [.videoDuration], warnings: [.latentFrameCount]),
        Case(file: "h264_4096x2160.mp4", errors: [.videoResolution], warnings: [.sizeMultiple]),  // 2160 = 32·67.5
        // Crafted (fixtures/craft.py): the header's size is not the stream's.
        Case(file: "crafted_hdr1080_4096x2160.mp4", errors: [.videoResolution], warnings: [.sizeMultiple, .sizeHeader]),
        Case(file: "crafted_hdr65535_128x64.mp4", warnings: [.sizeHeader]),
        Case(file: "crafted_hdr200x150_128x64.mkv", warnings: [.sizeHeader]),
        Case(file: "vp9_opus.webm", errors: [.container, .videoCodec], warnings: [.audioInVideo]),
        Case(file: "h264_opus.mkv", warnings: [.audioInVideo]),
        Case(file: "h264_vorbis.mkv", warnings: [.audioInVideo]),
        Case(file: "h264_flac.mkv", warnings: [.audioInVideo]),
        Case(file: "h264_aac_200kbps.mp4", warnings: [.sizeMultiple]),  // 180 = 32·5.625
        Case(file: "h264_505f_24fps.mp4", errors: [.videoDuration]),  // 21.042 s; 505 frames is the limit
        Case(file: "prores.mov", errors: [.videoCodec], warnings: [.bitDepth]),  // ProRes 422 is 10-bit
        Case(file: "h264_pcm.mov", errors: [.audioCodec]),
        Case(file: "h264_heaac.mp4", errors: [.aacProfile]),
        Case(file: "h264_heaacv2.mp4", errors: [.aacProfile]),
        Case(file: "h264.ts", errors: [.container]),
        Case(file: "mpeg4.avi", errors: [.container, .videoCodec]),
        Case(file: "h264_10bit.mp4", warnings: [.bitDepth]),
        Case(file: "h264_vfr.mkv", warnings: [.variableFrameRate]),
        Case(file: "h264_interlaced.mp4", warnings: [.interlaced]),
        Case(file: "h264_bframes_editlist.mp4", warnings: [.latentFrameCount]),
        Case(file: "aac_lc_5s.m4a", endpoint: .retake, errors: [.videoStream]),
        Case(file: "image.png", endpoint: .retake, errors: [.videoStream]),
        // audio-to-video audio_uri
        Case(file: "aac_lc_5s.m4a"),
        Case(file: "opus_5s.ogg"),
        Case(file: "pcm_5s.wav", errors: [.audioCodec]),
        Case(file: "mp3_1s.mp3", errors: [.audioDuration]),
        Case(file: "vorbis_25s.ogg", errors: [.audioDuration]),
        Case(file: "he_aac.m4a", errors: [.aacProfile]),
        Case(file: "he_aacv2.m4a", errors: [.aacProfile]),
        Case(file: "he_aac.aac", errors: [.container, .aacProfile]),
        Case(file: "conformant_h264_aac.mp4", endpoint: .audioToVideo, errors: [.container]),
        // image_uri
        Case(file: "image.png"),
        Case(file: "image.jpg"),
        Case(file: "image.webp"),
        Case(file: "image_odd_1001x563.png"),
        Case(file: "image.bmp", errors: [.imageFormat]),
        Case(file: "image.gif", errors: [.imageFormat]),
        Case(file: "image.png", endpoint: .audioToVideo),
        Case(file: "aac_lc_5s.m4a", endpoint: .imageToVideo, errors: [.imageFormat]),
    ]

    /// `warnings` lists the local pipelines' two as well: they are evaluated with `strict` only.
    @Test(arguments: cases, [false, true])
    func verdict(_ c: Case, strict: Bool) async throws {
        let report = try await Preflight.check(Fixtures.path(c.file), CheckRequest(endpoint: c.endpoint, strict: strict))
        let errors = Set(report.findings.filter { $0.severity == .error }.map(\.rule))
        let warnings = Set(report.findings.filter { $0.severity == .warning }.map(\.rule))
        #expect(errors == c.errors)
        #expect(warnings == (strict ? c.warnings : c.warnings.subtracting([.latentFrameCount, .sizeMultiple])))
        #expect(report.conformant == c.errors.isEmpty)
        // Every failing finding says what would fix it.
        for f in report.findings where f.severity != .pass {
            #expect(f.fix != nil && f.fixAction != nil, "\(f.rule)")
        }
    }

    @Test func inferredEndpoints() async throws {
        #expect(try await Preflight.check(Fixtures.path("hevc_aac.mkv")).input == "video_uri")
        #expect(try await Preflight.check(Fixtures.path("opus_5s.ogg")).input == "audio_uri")
        #expect(try await Preflight.check(Fixtures.path("image.webp")).endpoint == .imageToVideo)
        #expect(try await Preflight.check(Fixtures.path("image.webp"), CheckRequest(endpoint: .audioToVideo)).input == "image_uri")
    }

    @Test func fixesNameTheCheapestPath() async throws {
        // H.264 in MPEG-TS only needs a remux; VP9 needs a re-encode.
        let ts = try await Preflight.check(Fixtures.path("h264.ts"))
        #expect(ts.findings.first { $0.rule == .container }?.fixAction == .remux)
        let webm = try await Preflight.check(Fixtures.path("vp9_opus.webm"))
        #expect(webm.findings.first { $0.rule == .container }?.fixAction == .reencodeVideo)
        let pcm = try await Preflight.check(Fixtures.path("h264_pcm.mov"))
        #expect(pcm.findings.first { $0.rule == .audioCodec }?.fixAction == .transcodeAudio)
        let fast = try await Preflight.check(Fixtures.path("h264_60fps_600f.mp4"))
        let frames = try #require(fast.findings.first { $0.rule == .videoFrameCount })
        #expect(frames.fixAction == .lowerFrameRate)
        #expect(frames.fix?.contains("50 fps") == true)
        let long = try await Preflight.check(Fixtures.path("h264_25s_8fps.mp4"))
        #expect(long.findings.first { $0.rule == .videoDuration }?.fixAction == .cutWindow)
        let big = try await Preflight.check(Fixtures.path("h264_4096x2160.mp4"))
        #expect(big.findings.first { $0.rule == .videoResolution }?.fix?.contains("3840x2024") == true)
    }

    @Test func heAACFindingShowsTheEvidence() async throws {
        let r = try await Preflight.check(Fixtures.path("h264_heaacv2.mp4"))
        let f = try #require(r.findings.first { $0.rule == .aacProfile })
        #expect(f.actual.contains("HE-AACv2"))
        #expect(f.actual.contains("header declares LC"))
        #expect(f.actual.contains("2048 samples per frame"))
    }

    @Test func checkAllKeepsOrderAndReportsFailures() async {
        let names = ["image.png", "garbage.mp4", "conformant_h264_aac.mp4", "missing.mp4", "vp9_opus.webm"]
        let results = await Preflight.checkAll(names.map(Fixtures.path), concurrency: 2)
        #expect(results.count == names.count)
        for (name, result) in zip(names, results) {
            switch result {
            case .success(let r): #expect(r.file.hasSuffix(name))
            case .failure(let e): #expect(e.path?.hasSuffix(name) == true)
            }
        }
        #expect((try? results[1].get()) == nil)
        #expect((try? results[3].get()) == nil)
        #expect((try? results[2].get())?.conformant == true)
    }
}
