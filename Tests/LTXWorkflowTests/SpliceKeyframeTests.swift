import LTXContract
import LTXMedia
import LTXWorkflow
import Testing
import TestSupport

/// A splice keeps the original's keyframes where it re-encodes: the output
/// seeks where the original did, and a review decodes one frame to show one.
@Suite struct SpliceKeyframeTests {
    let dir = TemporaryDirectory.make("ltx-splice-keyframes")

    @Test func aSectionOverSeveralGOPsKeepsTheOriginalsKeyframes() async throws {
        // 24 fps, a keyframe every 48 frames; 21 s to 26 s (frames 504-623) re-encodes GOPs 480-623.
        let original = Fixtures.path("h264_60s_gop2s.mp4")
        let out = "\(dir)/retaken.mp4"
        let outcome = try await Splicer.splice(SpliceRequest(original: original, pieces: [
            SpliceJob.Piece(answer: Fixtures.path("h264_aac_sine_6s.mp4"), answerStart: 20.5, section: TimeWindow(start: 21, duration: 5)),
        ], mode: .replaceVideo, output: out))
        #expect(outcome.result.wholeVideoReencoded == nil)
        let before = try await EditSamples.packets(original, digests: false).keyframes
        let after = try await EditSamples.packets(out, digests: false).keyframes
        #expect(after.count == before.count)
        let kept = before.indices.filter { before[$0] }
        // Every keyframe of the original is one in the output, inside the run (528 and 576) as outside it.
        #expect(kept.filter { !after[$0] }.isEmpty, "lost: \(kept.filter { !after[$0] })")
        let ranges = outcome.result.ranges
        let encoded = ranges.filter { $0.source != .copied }
        #expect(encoded.first?.firstFrame ?? 999 <= 528 && encoded.last?.lastFrame ?? 0 >= 623, "\(ranges)")
        // The only keyframes added start a re-encoded run (the encoder's first picture).
        let runStarts = ranges.indices.filter { ranges[$0].source != .copied && ($0 == 0 || ranges[$0 - 1].source == .copied) }.map { ranges[$0].firstFrame }
        let added = after.indices.filter { after[$0] && !before[$0] }
        #expect(added.allSatisfy(runStarts.contains), "added \(added), runs start at \(runStarts)")
    }
}
