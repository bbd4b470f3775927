import Foundation
import LTXContract
import LTXMedia
import LTXWorkflow
import Testing
import TestSupport

/// replace_audio gives back a track as long as the original's. When the
/// sound is spliced whole (a section at the start or the end, or sound that
/// cannot be patched in place), the decoder's last AAC frame is whole where
/// its packet says less, and the encoder got all of it: 6 s became 6.016 s
/// (768 samples at 48 kHz), 4.041 s became 4.053 s. In process, through
/// `Splicer.splice` (what `ltx-prep splice` runs).
@Suite struct SpliceAudioLengthTests {
    let dir = TemporaryDirectory.make("ltx-splice-audio")

    @Test(arguments: [("h264_aac_sine_6s.mp4", 0.0), ("conformant_h264_aac.mp4", 0), ("conformant_h264_aac.mp4", 2.04),
                      ("h264_aac.mov", 2.04)])
    func splicedSoundKeepsTheOriginalsLength(_ name: String, _ start: Double) async throws {
        let original = Fixtures.path(name)
        let out = "\(dir)/\(start)-\(name)"
        for mode: RetakeMode in [.replaceAudio, .replaceAudioAndVideo] {
            try? FileManager.default.removeItem(atPath: out)
            let outcome = try await Splicer.splice(SpliceRequest(original: original, pieces: [
                SpliceJob.Piece(answer: Fixtures.path("h264_aac_sine_6s.mp4"), answerStart: 0, section: TimeWindow(start: start, duration: 2)),
            ], mode: mode, output: out))
            // The whole track re-encoded (the path that was too long), not patched in place.
            #expect(outcome.text.contains("; audio spliced\n") || outcome.text.hasSuffix("; audio spliced"), "\(outcome.text)")
            let before = try #require(try MediaProbe.probeBlocking(original).primaryAudio)
            let after = try #require(try MediaProbe.probeBlocking(out).primaryAudio)
            // Both are the stream's duration in samples over the rate: equal to the sample.
            #expect(after.duration == before.duration, "\(mode): \(String(describing: after.duration)) vs \(String(describing: before.duration))")
            #expect(after.sampleRate == before.sampleRate)
        }
    }
}
