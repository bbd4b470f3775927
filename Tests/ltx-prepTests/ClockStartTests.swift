import Foundation
import LTXMedia
import Testing
import TestSupport

/// An MPEG-TS whose clock reads 11.4 s at its first instant (a camera's
/// running clock): `--start 12` means 12 s into the clip, as `ffmpeg -ss 12`
/// and a player mean it, not the stream's timestamp 12 s; and a window copied
/// out of it starts on a real keyframe though the TS has no index to seek by.
@Suite struct ClockStartTests {
    let dir = TemporaryDirectory.make("ltx-clock")
    let clip = Fixtures.path("h264_aac_ts_clock_24s.ts")
    /// 12 s into the clip at 25 fps: the first picture shown at or after it.
    let sectionFrame = 300

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func aWindowCountsFromTheClipsStartAndBeginsOnAKeyframe() async throws {
        let out = "\(dir)/window.mp4"
        let r = try await BinaryRunner.run(["fix", clip, "--start", "12", "--duration", "4", "-o", out, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let window = try json(r.stdout)["window"] as? [String: Any]
        let sectionStart = try #require(window?["section_start_frame"] as? Int)
        let source = try StreamDigests.pictures(clip), sent = try StreamDigests.pictures(out)
        #expect(source.count == 600)
        // Every picture of the window is the clip's, in order, from a GOP's first (GOPs are 25 frames)...
        let first = try #require(source.firstIndex(of: sent[0]))
        #expect(first % 25 == 0 && first < sectionFrame, "the window starts at frame \(first)")
        #expect(Array(source[first..<min(source.count, first + sent.count)]) == sent)
        // ...and the section starts on the clip's picture at 12 s, not at the stream's timestamp 12 s (0.6 s in).
        #expect(first + sectionStart == sectionFrame, "section at clip frame \(first + sectionStart)")
    }

    /// The clip's picture starts 21 ms after its sound: a section at 0 starts on the window's first
    /// picture, not 21 ms before it (a negative start_time, which the API refuses).
    @Test func aSectionAtTheVeryStartStartsOnTheFirstPicture() async throws {
        let out = "\(dir)/first.mp4"
        let r = try await BinaryRunner.run(["fix", clip, "--start", "0", "--duration", "2", "-o", out, "--json"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let window = try json(r.stdout)["window"] as? [String: Any]
        #expect(window?["section_start"] as? Double == 0 && window?["section_start_frame"] as? Int == 0, "\(window ?? [:])")
        #expect(try StreamDigests.pictures(out).first == (try StreamDigests.pictures(clip)).first)
    }

    @Test func aRetakeReplacesTheSecondsTheUserNamed() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let out = "\(dir)/retaken.ts"
        let r = try await BinaryRunner.run(["retake", clip, "--start", "12", "--duration", "4", "--prompt", "x", "-o", out, "--yes", "--json"],
                                           environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let result = (try json(r.stdout)["splice"] as? [String: Any])?["result"] as? [String: Any]
        let ranges = result?["ranges"] as? [[String: Any]] ?? []
        #expect(ranges.contains { $0["source"] as? String == "answer" && $0["first_frame"] as? Int == sectionFrame && $0["last_frame"] as? Int == 399 },
                "\(ranges)")
        // The sandbox answers with the window in negative: exactly frames 300-399 are, the ones beside them are not.
        let negated = try StreamDigests.lumaPSNR(reference: clip, distorted: out, negated: true)
        let plain = try StreamDigests.lumaPSNR(reference: clip, distorted: out)
        #expect(negated.count == 600)
        #expect((sectionFrame..<400).allSatisfy { negated[$0] > 20 }, "\(negated[sectionFrame..<400].min() ?? 0)")
        #expect([sectionFrame - 1, 400].allSatisfy { plain[$0] > 30 && negated[$0] < 20 }, "\(plain[sectionFrame - 1]) \(plain[400])")
        // The output keeps the clip's clock.
        let media = try MediaProbe.probeBlocking(out)
        #expect(media.container == .mpegts && media.primaryVideo?.frameCount == 600)
    }
}
