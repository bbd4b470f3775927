import LTXContract
import Foundation
import Testing
import TestSupport

@Suite struct CheckCommandTests {
    func fixture(_ name: String) -> String { Fixtures.path(name) }

    func json(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func conformantFileExitsZero() async throws {
        let r = try await BinaryRunner.run(["check", fixture("conformant_h264_aac.mp4")])
        #expect(r.status == 0)
        #expect(r.stdoutLines.first?.contains("ACCEPTED for retake video_uri") == true)
        #expect(r.stdout.contains("PASS  video.frame-count"))
        #expect(r.stderr.isEmpty)
    }

    @Test func nonConformantFileExitsOneAndSaysWhy() async throws {
        let r = try await BinaryRunner.run(["check", fixture("h264_heaac.mp4")])
        #expect(r.status == 1)
        let line = try #require(r.stdoutLines.first { $0.contains("FAIL") })
        #expect(line.contains("audio.aac-profile"))
        #expect(line.contains("HE-AAC"))
        #expect(line.contains("required: AAC-LC"))
        #expect(line.contains("fix: transcode the audio to AAC-LC"))
    }

    @Test func jsonIsOneDocumentedObjectPerFile() async throws {
        let r = try await BinaryRunner.run(["check", "--json", fixture("vp9_opus.webm"), fixture("image.png")])
        #expect(r.status == 1)
        #expect(r.stdoutLines.count == 2)
        let webm = try json(r.stdoutLines[0])
        #expect((webm["file"] as? String)?.hasSuffix("vp9_opus.webm") == true)
        #expect(webm["endpoint"] as? String == "retake")
        #expect(webm["input"] as? String == "video_uri")
        #expect(webm["conformant"] as? Bool == false)
        let findings = try #require(webm["findings"] as? [[String: Any]])
        let container = try #require(findings.first { $0["rule"] as? String == "container" })
        #expect(container["severity"] as? String == "error")
        #expect(container["actual"] as? String == "WebM")
        #expect(container["required"] as? String == "MP4, MOV or MKV")
        #expect(container["fix_action"] as? String == "reencode-video")
        let media = try #require(webm["media"] as? [String: Any])
        let video = try #require((media["video"] as? [[String: Any]])?.first)
        #expect(video["frame_count"] as? Int == 97)
        let png = try json(r.stdoutLines[1])
        #expect(png["endpoint"] as? String == "image-to-video")
        #expect(png["conformant"] as? Bool == true)
    }

    @Test func sectionIsChecked() async throws {
        let r = try await BinaryRunner.run(["check", fixture("conformant_h264_aac.mp4"), "--start", "3", "--duration", "2", "--json"])
        #expect(r.status == 1)
        let report = try json(r.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "section.clamp" && $0["severity"] as? String == "error" })
        let ok = try await BinaryRunner.run(["check", fixture("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2"])
        #expect(ok.status == 0)
    }

    @Test func deliveryChangesTheLimit() async throws {
        let r = try await BinaryRunner.run(["check", fixture("h264_pcm.mov"), "--deliver", "data-uri", "--json"])
        let report = try json(r.stdout)
        #expect(report["delivery"] as? String == "data-uri")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let size = try #require(findings.first { $0["rule"] as? String == "delivery.size" })
        #expect((size["required"] as? String)?.contains("15 MB") == true)
    }

    @Test func forOverridesTheInferredEndpoint() async throws {
        let r = try await BinaryRunner.run(["check", "--for", "retake", fixture("aac_lc_5s.m4a")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL  video.stream"))
    }

    @Test func unreadableFilesExitTwoWithOneLineEach() async throws {
        let names = ["garbage.mp4", "empty.mp4", "text.mp4", "truncated.mp4", "truncated_tail.mp4", "no_av_streams.mkv", "nope.mp4"]
        for name in names {
            let r = try await BinaryRunner.run(["check", fixture(name)])
            #expect(r.status == 2, "\(name)")
            #expect(r.stderrLines.count == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.hasPrefix("ltx-prep: ") && r.stderr.contains(name), "\(name)")
            #expect(r.stdout.isEmpty, "\(name)")
        }
    }

    @Test func oneBadFileDoesNotHideTheOthers() async throws {
        let r = try await BinaryRunner.run(["check", "--json", fixture("garbage.mp4"), fixture("conformant_h264_aac.mp4")])
        #expect(r.status == 2)
        #expect(r.stdoutLines.count == 2)
        let failure = try json(r.stdoutLines[0])
        let error = try #require(failure["error"] as? [String: Any])
        #expect(error["kind"] as? String == "unreadable")
        #expect(try json(r.stdoutLines[1])["conformant"] as? Bool == true)
    }

    @Test(arguments: [
        ["check"], ["check", "--bogus", "x.mp4"], ["check", "x.mp4", "--start", "1"], ["check", "x.mp4", "--for", "nowhere"],
        ["check", "x.mp4", "--duration", "abc", "--start", "1"], ["check", "--for", "image-to-video", "--start", "1", "--duration", "2", "x.png"],
        ["frobnicate"],
    ])
    func badArgumentsExitTwoWithOneLine(_ args: [String]) async throws {
        let r = try await BinaryRunner.run(args)
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func helpTeaches() async throws {
        let r = try await BinaryRunner.run(["check", "--help"])
        #expect(r.status == 0)
        for needle in ["--for", "--start", "--deliver", "--json", "Exit status", "Examples"] {
            #expect(r.stdout.contains(needle), "\(needle)")
        }
    }

    @Test func inputIsNeverModified() async throws {
        let path = fixture("h264_bframes_editlist.mp4")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try await BinaryRunner.run(["check", path, "--start", "1", "--duration", "2"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

@Suite struct ProbeCommandTests {
    @Test func probeJSONHasTheExactCount() async throws {
        let r = try await BinaryRunner.run(["probe", "--json", Fixtures.path("h264_bframes_editlist.mp4")])
        #expect(r.status == 0)
        let media = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(media["container"] as? String == "mp4")
        let video = try #require((media["video"] as? [[String: Any]])?.first)
        #expect(video["frame_count"] as? Int == 88)
        #expect(video["frame_count_method"] as? String == "index")
    }

    @Test func probeTextNamesTheProfileAndTheHeader() async throws {
        let r = try await BinaryRunner.run(["probe", Fixtures.path("he_aacv2.m4a")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("aac HE-AACv2, header declares LC, 44100 Hz, 2 ch"))
    }

    @Test func probeOfUnreadableExitsTwo() async throws {
        let r = try await BinaryRunner.run(["probe", Fixtures.path("garbage.mp4")])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1)
    }

    /// A number no clock can hold is one line and exit 2, never a trap.
    @Test(arguments: ["inf", "1e300", "-1", "nan", "0"])
    func timeoutIsRangeChecked(_ value: String) async throws {
        let r = try await BinaryRunner.run(["check", Fixtures.path("conformant_h264_aac.mp4"), "--timeout", value])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("--timeout"))
    }

    /// `--for video-to-video-reframe` checks a file by reframe's own limits (60 s, 1800 frames), not retake's 21 s.
    @Test func checkForReframeUsesReframesLimits() async throws {
        let reframe = try await BinaryRunner.run(["check", Fixtures.path("h264_aac_720p30_30s.mp4"), "--for", "video-to-video-reframe"])
        #expect(reframe.status == 0 && reframe.stdout.contains("ACCEPTED for video-to-video-reframe"), "\(reframe.stdout)")
        let retake = try await BinaryRunner.run(["check", Fixtures.path("h264_aac_720p30_30s.mp4"), "--for", "retake"])
        #expect(retake.status == 1)
    }
}
