import Foundation
import LTXMedia
import Testing
import TestSupport

/// Issue 24's small truths, through the binary: `file` first in check's
/// JSON, rotation said with its direction, and the two rules of local
/// pipelines (8k+1 frames, multiples of 32) only with --strict.
@Suite struct SmallTruthsTests {
    let dir = TemporaryDirectory.make("ltx-truths")

    @Test func checkJSONPutsFileFirst() async throws {
        let r = try await BinaryRunner.run(["check", "--json", Fixtures.path("conformant_h264_aac.mp4"), "\(dir)/missing.mp4"])
        #expect(r.status == 2)
        #expect(r.stdoutLines.count == 2)
        // The report and the unreadable file's object alike.
        #expect(r.stdoutLines.allSatisfy { $0.hasPrefix(#"{"file":""#) }, "\(r.stdout)")
        #expect(r.stdoutLines.first?.hasPrefix(#"{"file":"\#(Fixtures.path("conformant_h264_aac.mp4"))","conformant":true,"#) == true)
    }

    /// The clockwise turn a player applies, as the README says: FFmpeg shows
    /// h264_rotated.mp4 as its coded picture turned 90° counter-clockwise
    /// (its autorotated first frame equals `transpose=cclock` of the coded
    /// one, fixtures/README.md), i.e. 270° clockwise; ffprobe prints 90, the
    /// matrix's counter-clockwise angle.
    @Test func rotationIsTheClockwiseTurnAndSaysSo() async throws {
        let file = Fixtures.path("h264_rotated.mp4")
        let v = try #require(try MediaProbe.probeBlocking(file).primaryVideo)
        #expect(v.rotation == 270 && v.displayWidth == 64 && v.displayHeight == 128)
        let probe = try await BinaryRunner.run(["probe", file])
        #expect(probe.stdout.contains("64x128 (coded 128x64, rotated 270° clockwise for display)"), "\(probe.stdout)")
        let check = try await BinaryRunner.run(["check", file])
        #expect(check.stdout.contains("PASS  video.resolution           64x128 (coded 128x64, rotated 270° clockwise for display)"), "\(check.stdout)")
        let json = try await BinaryRunner.run(["probe", "--json", file])
        let media = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let video = try #require((media["video"] as? [[String: Any]])?.first)
        #expect(video["rotation"] as? Int == 270)
    }

    /// A 4K clip (2160 is not a multiple of 32) and a 96-frame clip (not
    /// 8k+1): accepted by the API, so no warning unless --strict asks.
    @Test(arguments: [("h264_3840x2160.mp4", "video.size.multiple-of-32"), ("h264_96f.mp4", "video.frame-count.8k+1")])
    func localPipelineWarningsOnlyWithStrict(_ name: String, _ rule: String) async throws {
        let file = Fixtures.path(name)
        let plain = try await BinaryRunner.run(["check", file])
        #expect(plain.status == 0)
        #expect(plain.stdoutLines.first == "\(file): ACCEPTED for retake video_uri, delivered by upload", "\(plain.stdout)")
        #expect(!plain.stdout.contains("8k+1") && !plain.stdout.contains("multiple-of-32"), "\(plain.stdout)")
        let json = try await BinaryRunner.run(["check", "--json", file])
        #expect(json.stdout.contains(#""warnings":0"#) && !json.stdout.contains(rule), "\(json.stdout)")

        let strict = try await BinaryRunner.run(["check", "--strict", file])
        #expect(strict.status == 0)
        #expect(strict.stdoutLines.first == "\(file): ACCEPTED with 1 warning for retake video_uri, delivered by upload", "\(strict.stdout)")
        #expect(strict.stdoutLines.contains { $0.hasPrefix("  WARN  \(rule)") }, "\(strict.stdout)")
        // fix shares the option: its check of the output, and its plan, take it.
        let plan = try await BinaryRunner.run(["fix", file, "-o", "\(dir)/\(name)", "--strict", "--plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
    }
}
