import Foundation
import LTXMedia
import Testing
import TestSupport

/// replace_audio gives back a track as long as the original's. When the
/// sound is spliced whole (a section at the start or the end, or sound that
/// cannot be patched in place), the decoder's last AAC frame is whole where
/// its packet says less, and the encoder got all of it: 6 s became 6.016 s
/// (768 samples at 48 kHz), 4.041 s became 4.053 s.
@Suite struct SpliceAudioLengthTests {
    let dir = TemporaryDirectory.make("ltx-splice-audio")

    @Test(arguments: [("h264_aac_sine_6s.mp4", "0"), ("conformant_h264_aac.mp4", "0"), ("conformant_h264_aac.mp4", "2.04"),
                      ("h264_aac.mov", "2.04")])
    func splicedSoundKeepsTheOriginalsLength(_ name: String, _ start: String) throws {
        let original = Fixtures.path(name)
        let out = "\(dir)/\(start)-\(name)"
        for mode in ["replace_audio", "replace_audio_and_video"] {
            try? FileManager.default.removeItem(atPath: out)
            let r = try BinaryRunner.run(["splice", original, Fixtures.path("h264_aac_sine_6s.mp4"), "--window-start", "0",
                                          "--start", start, "--duration", "2", "--mode", mode, "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            // The whole track re-encoded (the path that was too long), not patched in place.
            #expect(r.stdout.contains("; audio spliced\n") || r.stdout.hasSuffix("; audio spliced"), "\(r.stdout)")
            let before = try #require(try MediaProbe.probeBlocking(original).primaryAudio)
            let after = try #require(try MediaProbe.probeBlocking(out).primaryAudio)
            // Both are the stream's duration in samples over the rate: equal to the sample.
            #expect(after.duration == before.duration, "\(mode): \(String(describing: after.duration)) vs \(String(describing: before.duration))")
            #expect(after.sampleRate == before.sampleRate)
        }
    }
}
