import Foundation
import Testing
import TestSupport

/// Inputs judged as the decoder sees them, through the real binary, on the
/// crafted fixtures (`fixtures/craft.py` patches a committed fixture's header).
@Suite struct DecoderTruthTests {
    let dir = TemporaryDirectory.make("ltx-cli-truth")

    func json(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    func finding(_ report: [String: Any], _ rule: String) throws -> [String: Any] {
        let findings = try #require(report["findings"] as? [[String: Any]])
        return try #require(findings.first { $0["rule"] as? String == rule })
    }

    func video(_ report: [String: Any]) throws -> [String: Any] {
        let media = try #require(report["media"] as? [String: Any])
        return try #require((media["video"] as? [[String: Any]])?.first)
    }

    @Test func aHeaderClaiming1080pAroundA4KStreamIsOverTheLimit() async throws {
        let r = try await BinaryRunner.run(["check", "--json", Fixtures.path("crafted_hdr1080_4096x2160.mp4")])
        #expect(r.status == 1)
        let report = try json(r.stdout)
        let v = try video(report)
        #expect(v["coded_width"] as? Int == 4096)
        #expect(v["coded_height"] as? Int == 2160)
        #expect(v["header_width"] as? Int == 1920)
        #expect(v["header_height"] as? Int == 1080)
        let resolution = try finding(report, "video.resolution")
        #expect(resolution["severity"] as? String == "error")
        #expect(resolution["actual"] as? String == "4096x2160")
        let header = try finding(report, "video.size.header")
        #expect(header["severity"] as? String == "warning")
        #expect(header["actual"] as? String == "the header says 1920x1080, the stream is 4096x2160")
    }

    @Test func theFixDownscalesFromTheStreamsSize() async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path("crafted_hdr1080_4096x2160.mp4"), "--plan", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require(try json(r.stdout)["plan"] as? [String: Any])
        let ops = try #require(plan["operations"] as? [[String: Any]])
        #expect(ops.map { $0["action"] as? String } == ["downscale"])
        #expect(ops.first?["detail"] as? String == "downscale 4096x2160 to 3840x2024")
    }

    @Test func aHeaderClaiming65535AroundASmallStreamIsTheSmallStream() async throws {
        let path = Fixtures.path("crafted_hdr65535_128x64.mp4")
        let r = try await BinaryRunner.run(["check", "--json", path])
        #expect(r.status == 0, "\(r.stdout)")
        let report = try json(r.stdout)
        let v = try video(report)
        #expect(v["display_width"] as? Int == 128)
        #expect(v["display_height"] as? Int == 64)
        #expect(v["header_width"] as? Int == 65535)
        #expect(try finding(report, "video.resolution")["severity"] as? String == "pass")
        #expect(try finding(report, "video.size.header")["severity"] as? String == "warning")
        #expect(r.stderr.isEmpty)
    }

    @Test func fixNeverUpscalesASmallStreamBehindAHugeHeader() async throws {
        let input = Fixtures.path("crafted_hdr65535_128x64.mp4")
        let plan = try await BinaryRunner.run(["fix", input, "--plan", "--json"])
        #expect(plan.status == 0)
        let p = try #require(try json(plan.stdout)["plan"] as? [String: Any])
        #expect(p["output"] as? String == "unchanged")
        #expect((p["operations"] as? [Any])?.isEmpty == true)
        // The conformant stream is written as it is and checked back at its own size.
        let output = "\(dir)/small.mp4"
        let fix = try await BinaryRunner.run(["fix", input, "-o", output, "--json"])
        #expect(fix.status == 0, "\(fix.stderr)")
        let written = try video(try #require(try json(fix.stdout)["report"] as? [String: Any]))
        #expect(written["coded_width"] as? Int == 128)
        #expect(written["coded_height"] as? Int == 64)
    }

    @Test func matroskaPixelWidthAndHeightAreNotTheStream() async throws {
        let r = try await BinaryRunner.run(["probe", "--json", Fixtures.path("crafted_hdr200x150_128x64.mkv")])
        #expect(r.status == 0)
        let media = try json(r.stdout)
        let v = try #require((media["video"] as? [[String: Any]])?.first)
        #expect(v["coded_width"] as? Int == 128)
        #expect(v["coded_height"] as? Int == 64)
        #expect(v["header_width"] as? Int == 200)
        #expect(v["header_height"] as? Int == 150)
        let text = try await BinaryRunner.run(["probe", Fixtures.path("crafted_hdr200x150_128x64.mkv")])
        #expect(text.stdout.contains("128x64 (header says 200x150)"))
        let check = try await BinaryRunner.run(["check", Fixtures.path("crafted_hdr200x150_128x64.mkv")])
        #expect(check.status == 0)
        #expect(check.stdout.contains("WARN  video.size.header"), "\(check.stdout)")
    }

    @Test func headerAndStreamAgreeingIsAPass() async throws {
        let r = try await BinaryRunner.run(["check", "--json", Fixtures.path("conformant_h264_aac.mp4")])
        let report = try json(r.stdout)
        #expect(try finding(report, "video.size.header")["severity"] as? String == "pass")
        #expect(try video(report)["header_width"] == nil)
    }

    @Test func anImpossiblePNGIsUnreadable() async throws {
        let name = "crafted_ihdr_100000.png"
        let r = try await BinaryRunner.run(["check", Fixtures.path(name)])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty, "\(r.stdout)")
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("ltx-prep: \(Fixtures.path(name)): "))
        let j = try await BinaryRunner.run(["check", "--json", Fixtures.path(name)])
        #expect(j.status == 2)
        let error = try #require(try json(j.stdout)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "unreadable")
    }

    @Test func invalidDataWhileAnalysingIsUnreadable() async throws {
        let name = "crafted_mkv_zeroed_pixelheight.mkv"
        let r = try await BinaryRunner.run(["probe", "--json", Fixtures.path(name)])
        #expect(r.status == 2)
        let error = try #require(try json(r.stdout)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "unreadable")
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("ltx-prep: \(Fixtures.path(name)): "))
    }

    @Test func mpegTSWithAZeroTailReadsLikeTheOriginal() async throws {
        let r = try await BinaryRunner.run(["probe", "--json", Fixtures.path("crafted_ts_zero_tail.ts")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let v = try #require((try json(r.stdout)["video"] as? [[String: Any]])?.first)
        #expect(v["frame_count"] as? Int == 97)
        #expect(v["frame_count_method"] as? String == "packets")
    }

    @Test(arguments: ["truncated.mp4", "crafted_moov_end_cut.mov", "crafted_ts_cut.ts"])
    func aFileCutShortIsTruncated(_ name: String) async throws {
        let r = try await BinaryRunner.run(["check", "--json", Fixtures.path(name)])
        #expect(r.status == 2)
        let error = try #require(try json(r.stdout)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "truncated")
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("ltx-prep: \(Fixtures.path(name)): truncated"), "\(r.stderr)")
    }
}
