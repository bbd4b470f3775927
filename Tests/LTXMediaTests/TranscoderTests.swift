import Foundation
import Testing
import TestSupport
@testable import LTXMedia

/// The engine on real fixtures; every output is probed back.
@Suite struct TranscoderTests {
    let dir = TemporaryDirectory.make("ltx-transcode")

    func out(_ name: String) -> String { "\(dir)/\(name)" }

    /// Runs the job and probes the output, decoding its audio for evidence.
    func run(_ job: TranscodeJob) throws -> (TranscodeResult, MediaInfo) {
        let result = try Transcoder.runBlocking(job)
        return (result, try MediaProbe.probeBlocking(job.output, options: ProbeOptions(aacReveal: .always)))
    }

    @Test func remuxCopiesEveryFrame() throws {
        let (result, media) = try run(TranscodeJob(input: Fixtures.path("h264.ts"), output: out("remux.mp4")))
        #expect(media.container == .mp4)
        let v = try #require(media.primaryVideo)
        #expect(v.codec == "h264")
        #expect(v.frameCount == 97)  // ffprobe -count_frames on h264.ts
        #expect(result.videoFrames == 97)
        #expect(media.primaryAudio?.codec == "aac")
    }

    /// HEVC copied into MP4 keeps Apple's `hvc1` sample entry (FFmpeg alone writes `hev1`).
    @Test func hevcRemuxIsTaggedHvc1() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("hevc_aac.mkv"), output: out("hevc.mp4")))
        #expect(media.primaryVideo?.codec == "hevc")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out("hevc.mp4"))))
        let has = { (tag: String) in bytes.firstRange(of: Array(tag.utf8)) != nil }
        #expect(has("hvc1") && !has("hev1"))
    }

    @Test func heAACBecomesLCAndVideoIsCopied() throws {
        let source = try MediaProbe.probeBlocking(Fixtures.path("h264_heaacv2.mp4"))
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_heaacv2.mp4"), output: out("lc.mp4"),
                                              audio: .encode(AudioEncoding())))
        let a = try #require(media.primaryAudio)
        #expect(a.aacProfile == .lc)
        #expect(a.samplesPerFrame == 1024)
        #expect(a.decodedSampleRate == 44100)
        #expect(a.decodedChannels == 2)
        #expect(abs((a.duration ?? 0) - (source.primaryAudio?.duration ?? 0)) < 0.05)
        // The video is the same stream, untouched.
        #expect(media.primaryVideo?.frameCount == 97)
        #expect(media.primaryVideo?.bitRate == source.primaryVideo?.bitRate)
    }

    @Test func pcmBecomesAAC() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_pcm.mov"), output: out("pcm.mp4"),
                                              audio: .encode(AudioEncoding())))
        #expect(media.container == .mp4)
        #expect(media.primaryAudio?.aacProfile == .lc)
        #expect(media.primaryVideo?.frameCount == 97)
    }

    /// The case: 60 s, a 4 s section mid-way, keyframes every 2 s.
    @Test func windowByStreamCopyStartsOnAKeyframe() throws {
        let job = TranscodeJob(input: Fixtures.path("h264_60s_gop2s.mp4"), output: out("window.mp4"),
                               window: TimeWindow(start: 21, duration: 20))
        let (result, media) = try run(job)
        // Keyframes sit at multiples of 2 s: the last one at or before 21 s is 20 s.
        #expect(result.inputStart == 20)
        let v = try #require(media.primaryVideo)
        // 20 s at 24 fps is 480 frames (480 to 959 of the input); the copy ends
        // at the last whole mini-GOP, so a few B-frames may be left out.
        #expect((474...480).contains(v.frameCount))
        let same = try VideoComparison.compare(reference: Fixtures.path("h264_60s_gop2s.mp4"), distorted: job.output,
                                               skippingReferenceFrames: 480)
        #expect(same.framesCompared == v.frameCount && same.psnr == .infinity)
        #expect(v.frameCountMethod == "index")
        #expect(abs((v.duration ?? 0) - 20) < 0.05)
        #expect(abs((media.primaryAudio?.duration ?? 0) - 20) < 0.1)
    }

    @Test func windowByEncodeStartsExactly() throws {
        let job = TranscodeJob(input: Fixtures.path("h264_60s_gop2s.mp4"), output: out("exact.mp4"),
                               window: TimeWindow(start: 21, duration: 10), video: .encode(VideoEncoding(preset: "ultrafast")),
                               audio: .encode(AudioEncoding()))
        let (result, media) = try run(job)
        #expect(result.inputStart == 21)
        #expect(media.primaryVideo?.frameCount == 240)
        let audio = try #require(media.primaryAudio?.duration)
        #expect(abs(audio - 10) < 0.03)
    }

    @Test func vp9BecomesH264WithoutVisibleLoss() throws {
        let output = out("vp9.mp4")
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("vp9_opus.webm"), output: output,
                                              video: .encode(VideoEncoding()), audio: .encode(AudioEncoding())))
        let v = try #require(media.primaryVideo)
        #expect(v.codec == "h264")
        #expect(v.profile == "High")
        #expect(v.pixelFormat == "yuv420p")
        #expect(v.frameCount == 97)
        #expect(v.codedWidth == 128 && v.codedHeight == 64)
        #expect(media.primaryAudio?.aacProfile == .lc)
        let psnr = try VideoComparison.compare(reference: Fixtures.path("vp9_opus.webm"), distorted: output)
        #expect(psnr.framesCompared == 97)
        #expect(psnr.psnr >= 40, "PSNR \(psnr.psnr) dB")
    }

    /// Matroska's 1 ms timestamps and HEVC's reordering: every frame kept.
    @Test func hevcInMatroskaKeepsEveryFrame() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("hevc_aac.mkv"), output: out("hevc.mp4"),
                                              video: .encode(VideoEncoding(preset: "ultrafast"))))
        #expect(media.primaryVideo?.frameCount == 97)
        #expect(media.primaryVideo?.variableFrameRate == false)
    }

    @Test func shortClipIsPaddedByHoldingTheLastFrame() throws {
        let (result, media) = try run(TranscodeJob(input: Fixtures.path("h264_48f.mp4"), output: out("pad.mp4"),
                                                   video: .encode(VideoEncoding(preset: "ultrafast")), padVideoToFrames: 73))
        #expect(result.paddedFrames == 25)
        #expect(media.primaryVideo?.frameCount == 73)
        #expect(abs((media.primaryVideo?.duration ?? 0) - 73.0 / 24) < 0.01)
    }

    @Test func frameRateIsLowered() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_60fps_600f.mp4"), output: out("50.mp4"),
                                              video: .encode(VideoEncoding(preset: "ultrafast", frameRate: 50))))
        let v = try #require(media.primaryVideo)
        #expect(v.frameCount == 500)
        #expect(v.frameRate == 50)
    }

    @Test func downscaleKeepsAspect() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_4096x2160.mp4"), output: out("down.mp4"),
                                              video: .encode(VideoEncoding(preset: "ultrafast", width: 3840, height: 2024))))
        let v = try #require(media.primaryVideo)
        #expect(v.codedWidth == 3840 && v.codedHeight == 2024)
        #expect(v.frameCount == 97)
    }

    @Test func rotationIsKept() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_rotated.mp4"), output: out("rot.mp4"),
                                              video: .encode(VideoEncoding(preset: "ultrafast"))))
        #expect(media.primaryVideo?.rotation == 270)
        #expect(media.primaryVideo?.displayWidth == 64)
    }

    /// The copied stream gets the display matrix where this FFmpeg's demuxer
    /// put it and its muxer reads it: the stream's side data up to FFmpeg 6.0,
    /// codecpar's coded side data since 6.1 (which avcodec_parameters_copy
    /// already carries there).
    @Test func rotationIsKeptThroughARemux() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_rotated.mp4"), output: out("rot-copy.mp4")))
        let v = try #require(media.primaryVideo)
        #expect(v.rotation == 270)
        #expect(v.codedWidth == 128 && v.codedHeight == 64)
        #expect(v.displayWidth == 64 && v.displayHeight == 128)
    }

    /// `upright` turns the pictures by the rotation it reads and drops the tag,
    /// so nothing turns them twice, whatever side data a newer FFmpeg's decoder
    /// attaches to the frames; the size asked for is the upright one.
    @Test func uprightDropsTheRotation() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("h264_rotated.mp4"), output: out("rot-upright.mp4"),
                                              video: .encode(VideoEncoding(preset: "ultrafast", width: 64, height: 128, upright: true))))
        let v = try #require(media.primaryVideo)
        #expect(v.rotation == 0)
        #expect(v.codedWidth == 64 && v.codedHeight == 128)
    }

    @Test func audioIsCutToTheSample() throws {
        let (result, media) = try run(TranscodeJob(input: Fixtures.path("vorbis_25s.ogg"), output: out("cut.m4a"), format: .m4a,
                                                   video: .drop, audio: .encode(AudioEncoding(maxDuration: 20))))
        #expect(media.container == .m4a)
        #expect(result.audioSamples == 20 * 22050)
        #expect(abs((media.primaryAudio?.duration ?? 0) - 20) < 0.001)
    }

    @Test func shortAudioIsPaddedWithSilence() throws {
        let (_, media) = try run(TranscodeJob(input: Fixtures.path("mp3_1s.mp3"), output: out("pad.m4a"), format: .m4a,
                                              video: .drop, audio: .encode(AudioEncoding(minDuration: 2))))
        let d = try #require(media.primaryAudio?.duration)
        #expect(d >= 2 && d < 2.03)
        #expect(media.primaryAudio?.aacProfile == .lc)
    }

    @Test func cancellationStops() {
        let error = #expect(throws: MediaError.self) {
            _ = try Transcoder.runBlocking(TranscodeJob(input: Fixtures.path("h264_60s_gop2s.mp4"), output: out("c.mp4"),
                                                        video: .encode(VideoEncoding())), isCancelled: { true })
        }
        #expect(error?.kind == .cancelled)
    }

    @Test func refusesToWriteOverTheInput() {
        let path = Fixtures.path("conformant_h264_aac.mp4")
        let error = #expect(throws: MediaError.self) { _ = try Transcoder.runBlocking(TranscodeJob(input: path, output: path)) }
        #expect(error?.kind == .output)
    }
}
