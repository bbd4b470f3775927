import Testing
import TestSupport
@testable import LTXMedia

/// Made-up clips, probed back: the sandbox answers text-, image- and
/// audio-to-video with these.
@Suite struct PatternClipTests {
    let dir = TemporaryDirectory.make("ltx-pattern")

    @Test func toneClipHasEveryFrameAndAsMuchSound() throws {
        let output = "\(dir)/tone.mp4"
        let frames = try PatternClip.write(PatternClipSpec(output: output, width: 64, height: 48, frameRate: 25, duration: 2,
                                                           sound: .tone(frequency: 440)))
        #expect(frames == 50)
        let media = try MediaProbe.probeBlocking(output, options: ProbeOptions(aacReveal: .always))
        #expect(media.primaryVideo?.frameCount == 50)
        #expect(media.primaryAudio?.aacProfile == .lc)
        #expect(abs((media.primaryAudio?.duration ?? 0) - 2) < 0.05)
    }

    @Test func soundFileSetsTheLength() throws {
        let output = "\(dir)/voice.mp4"
        let frames = try PatternClip.write(PatternClipSpec(output: output, width: 64, height: 48, frameRate: 25, duration: 1,
                                                           image: Fixtures.path("image.png"),
                                                           sound: .file(Fixtures.path("aac_lc_5s.m4a"))))
        #expect(frames == 125)
        let media = try MediaProbe.probeBlocking(output, options: ProbeOptions(aacReveal: .always))
        #expect(media.primaryVideo?.frameCount == 125)
        #expect(media.primaryAudio?.aacProfile == .lc)
        #expect(abs((media.primaryAudio?.duration ?? 0) - 5) < 0.05)
    }

    @Test func soundFileWithoutAudioIsNoStreams() {
        let error = #expect(throws: MediaError.self) {
            try PatternClip.write(PatternClipSpec(output: "\(dir)/none.mp4", width: 64, height: 48, frameRate: 25, duration: 1,
                                                  sound: .file(Fixtures.path("h264_48f.mp4"))))
        }
        #expect(error?.kind == .noStreams)
    }
}
