import Testing
@testable import LTXMedia
import TestSupport

/// Every readable fixture, probed and compared with what ffprobe recorded.
@Suite struct ProbeAgainstFFprobeTests {
    @Test func expectedFactsAreLoaded() {
        #expect(ExpectedFacts.readable.count >= 30)
    }

    @Test(arguments: ExpectedFacts.readable)
    func probeMatchesFFprobe(_ expected: ExpectedFacts) throws {
        let info = try MediaProbe.probeBlocking(Fixtures.path(expected.file))
        #expect(info.demuxer == expected.string("format_name"))
        #expect(info.sizeBytes == Int64(expected.int("size_bytes") ?? -1))

        if let vcodec = expected.string("vcodec") {
            let v = try #require(info.video.first)
            #expect(v.codec == vcodec)
            #expect(v.codedWidth == expected.int("width"))
            #expect(v.codedHeight == expected.int("height"))
            #expect(v.pixelFormat == expected.string("pix_fmt"))
            if let profile = expected.string("vprofile") { #expect(v.profile == profile) }
            // The exact count: frames a decoder outputs, per ffprobe -count_frames.
            #expect(v.frameCount == expected.int("nb_read_frames"))
        } else {
            #expect(info.video.isEmpty)
        }

        if let acodec = expected.string("acodec") {
            let a = try #require(info.audio.first)
            #expect(a.codec == acodec)
            if let profile = expected.string("aprofile") { #expect(a.profile == profile) }
            #expect((a.decodedSampleRate ?? a.sampleRate) == expected.int("sample_rate"))
            #expect((a.decodedChannels ?? a.channels) == expected.int("channels"))
        } else {
            #expect(info.audio.isEmpty)
        }
    }
}
