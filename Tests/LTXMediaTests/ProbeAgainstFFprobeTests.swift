import Testing
@testable import LTXMedia
import TestSupport
import Foundation

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

    /// Where the first bytes name a demuxer, it is the one FFmpeg's own
    /// probe picks (and at least the MP4 and Matroska fixtures get one).
    @Test func demuxerHintAgreesWithFFprobe() {
        var hinted = 0
        for expected in ExpectedFacts.readable {
            let head = FileStatus.head(of: Fixtures.path(expected.file), count: DemuxerHint.headLength)
            guard let name = DemuxerHint.name(forHead: head) else { continue }
            hinted += 1
            let ffprobe = expected.string("format_name") ?? ""
            #expect(ffprobe.split(separator: ",").first.map(String.init) == name, "\(expected.file): \(ffprobe)")
        }
        #expect(hinted >= 15)
    }

    /// `identify` names MP4/MOV/Matroska from the header bytes alone; it
    /// must name the same container as the full probe, for every fixture.
    @Test func identifyAgreesWithProbe() throws {
        var fromHead = 0
        for expected in ExpectedFacts.readable {
            let path = Fixtures.path(expected.file)
            let probed = try MediaProbe.probeBlocking(path)
            let identified = try MediaProbe.identifyBlocking(path)
            #expect(identified.container == probed.container, "\(expected.file)")
            #expect(identified.sizeBytes == probed.sizeBytes)
            if ContainerFormat.identify(head: FileStatus.head(of: path, count: DemuxerHint.headLength)) != nil { fromHead += 1 }
        }
        #expect(fromHead >= 15)
    }

    /// A file that starts like an MP4 but is not one still gets FFmpeg's
    /// verdict from a full probe: a clear unreadable error, not a crash.
    @Test func falseHintFallsBackToProbe() throws {
        let path = TemporaryDirectory.make("ltx-hint") + "/fake.mp4"
        let bytes: [UInt8] = [0, 0, 0, 0x14] + Array("ftypisom".utf8) + [UInt8](repeating: 0xAB, count: 4000)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(DemuxerHint.name(forHead: bytes) == "mov")
        let error = #expect(throws: MediaError.self) { try MediaProbe.probeBlocking(path) }
        #expect(error?.kind == .unreadable)
    }
}
