import Testing
@testable import LTXMedia
import TestSupport

@Suite struct ProbeFactsTests {
    func probe(_ name: String) throws -> MediaInfo { try MediaProbe.probeBlocking(Fixtures.path(name)) }

    @Test(arguments: [
        ("conformant_h264_aac.mp4", ContainerFormat.mp4), ("h264_aac.mov", .mov), ("aac_lc_5s.m4a", .m4a),
        ("hevc_aac.mkv", .mkv), ("vp9_opus.webm", .webm), ("h264.ts", .mpegts), ("mpeg4.avi", .avi),
        ("pcm_5s.wav", .wav), ("mp3_1s.mp3", .mp3), ("opus_5s.ogg", .ogg), ("he_aac.aac", .adts),
        ("image.png", .png), ("image.jpg", .jpeg), ("image.webp", .webp), ("image.bmp", .bmp), ("image.gif", .gif),
    ])
    func containerAsTheAPISeesIt(_ name: String, _ container: ContainerFormat) throws {
        #expect(try probe(name).container == container)
    }

    /// The sample table holds 96 samples (ffprobe nb_frames), but the edit
    /// list hides 8 of them: a decoder outputs 88 (ffprobe -count_frames).
    /// Where an HDR piece can be stream-copied from: every picture's time in display
    /// order, and the keyframes (ffprobe: one every 2 s of this 24 fps minute).
    @Test func frameTimesListEveryPictureAndItsKeyframes() throws {
        let read = try #require(try MediaProbe.frameTimes(in: Fixtures.path("h264_60s_gop2s.mp4")))
        #expect(read.times.count == 1440)
        #expect(zip(read.times, read.times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(abs(read.times[48] - 2) < 1e-6)
        #expect(read.keyframes == Set(stride(from: 0, to: 1440, by: 48)))
        #expect(try MediaProbe.frameTimes(in: Fixtures.path("aac_lc_5s.m4a")) == nil)
    }

    @Test func editListIsApplied() throws {
        let v = try #require(try probe("h264_bframes_editlist.mp4").primaryVideo)
        #expect(v.frameCount == 88)
        #expect(v.frameCountMethod == "index")
        #expect(!v.variableFrameRate)
    }

    @Test func containersWithoutSampleTableAreCountedByPackets() throws {
        for name in ["hevc_aac.mkv", "vp9_opus.webm", "h264.ts", "mpeg4.avi"] {
            #expect(try probe(name).primaryVideo?.frameCountMethod == "packets", "\(name)")
        }
    }

    /// NOTES.md: these headers say AAC-LC at 22.05 kHz; only decoding shows SBR (and PS).
    @Test(arguments: [("he_aac.aac", AACProfile.he, 2), ("he_aac.m4a", .he, 2), ("h264_heaac.mp4", .he, 2),
                      ("he_aacv2.aac", .heV2, 1), ("he_aacv2.m4a", .heV2, 1), ("h264_heaacv2.mp4", .heV2, 1)])
    func implicitHEAACIsRevealedByDecoding(_ name: String, _ profile: AACProfile, _ coreChannels: Int) throws {
        let a = try #require(try probe(name).primaryAudio)
        #expect(a.declaredProfile == "LC")
        #expect(a.sampleRate == 22050)
        #expect(a.channels == coreChannels)
        #expect(a.aacProfile == profile)
        #expect(a.profileSource == "decoded")
        #expect(a.samplesPerFrame == 2048)
        #expect(a.decodedSampleRate == 44100)
        #expect(a.decodedChannels == 2)
    }

    /// LC at 48 kHz cannot hide SBR (the core would make 96 kHz): the header is enough.
    @Test func aacLCAt48kIsTakenFromTheHeader() throws {
        let a = try #require(try probe("aac_lc_5s.m4a").primaryAudio)
        #expect(a.aacProfile == .lc)
        #expect(a.profileSource == "header")
        #expect(a.samplesPerFrame == nil)
    }

    @Test func decodingConfirmsLCWhenAsked() throws {
        let a = try #require(try MediaProbe.probeBlocking(Fixtures.path("aac_lc_5s.m4a"), options: ProbeOptions(aacReveal: .always)).primaryAudio)
        #expect(a.aacProfile == .lc)
        #expect(a.profileSource == "decoded")
        #expect(a.samplesPerFrame == 1024)
        #expect(a.decodedSampleRate == 48000)
    }

    @Test func revealCanBeTurnedOff() throws {
        let a = try #require(try MediaProbe.probeBlocking(Fixtures.path("he_aac.aac"), options: ProbeOptions(aacReveal: .never)).primaryAudio)
        #expect(a.samplesPerFrame == nil)
        #expect(a.decodedSampleRate == nil)
    }

    /// FFmpeg's autorotate turns the matrix's counter-clockwise 90° into a
    /// clockwise 270°; either way width and height swap on display.
    @Test func rotationSwapsDisplayedSize() throws {
        let v = try #require(try probe("h264_rotated.mp4").primaryVideo)
        #expect(v.rotation == 270)
        #expect(v.codedWidth == 128 && v.codedHeight == 64)
        #expect(v.displayWidth == 64 && v.displayHeight == 128)
    }

    @Test func softFacts() throws {
        #expect(try probe("h264_vfr.mkv").primaryVideo?.variableFrameRate == true)
        #expect(try probe("conformant_h264_aac.mp4").primaryVideo?.variableFrameRate == false)
        #expect(try probe("hevc_aac.mkv").primaryVideo?.variableFrameRate == false)
        #expect(try probe("h264_interlaced.mp4").primaryVideo?.isInterlaced == true)
        #expect(try probe("conformant_h264_aac.mp4").primaryVideo?.isInterlaced == false)
        #expect(try probe("h264_10bit.mp4").primaryVideo?.bitDepth == 10)
    }

    @Test func kinds() throws {
        #expect(try probe("conformant_h264_aac.mp4").kind == .video)
        #expect(try probe("aac_lc_5s.m4a").kind == .audio)
        #expect(try probe("image.png").kind == .image)
        #expect(try probe("image.jpg").kind == .image)
    }

    @Test func probeRunsOffThePoolAndAgrees() async throws {
        let a = try await MediaProbe.probe(Fixtures.path("hevc_aac.mkv"))
        let b = try MediaProbe.probeBlocking(Fixtures.path("hevc_aac.mkv"))
        #expect(a == b)
    }
}
