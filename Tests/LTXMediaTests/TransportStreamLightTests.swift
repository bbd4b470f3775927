import Testing
@testable import LTXMedia
import CFFmpeg
import TestSupport

/// An MPEG-TS of H.264 and AAC skips `avformat_find_stream_info`: the packet
/// scan that counts its frames also gives what the analysis would.
@Suite struct TransportStreamLightTests {
    func probe(_ name: String, _ analysis: MediaProbe.Analysis) throws -> (info: MediaInfo, light: LightStreamInfo.Kind?) {
        try MediaProbe.probeBlocking(Fixtures.path(name), options: ProbeOptions(), analysis: analysis)
    }

    /// Every fact the full path reports, the light path reports the same,
    /// but the audio bit rate: the analysis averages the ADTS frames it read
    /// (the first seconds), the scan every frame.
    @Test(arguments: ["h264.ts", "crafted_ts_zero_tail.ts"])
    func lightPathMatchesFullPath(_ name: String) throws {
        let light = try probe(name, .whereNeeded)
        let full = try probe(name, .full)
        #expect(light.light == .transportStream)
        #expect(full.light == nil)
        var lightInfo = light.info, fullInfo = full.info
        for k in lightInfo.audio.indices { lightInfo.audio[k].bitRate = nil }
        for k in fullInfo.audio.indices { fullInfo.audio[k].bitRate = nil }
        #expect(lightInfo == fullInfo)
        // ffprobe -show_streams says 6001 b/s (its analysis reads further than ours).
        let bitRate = try #require(light.info.primaryAudio?.bitRate)
        #expect(abs(Double(bitRate) / 6001 - 1) < 0.02)
    }

    /// The facts ffprobe gave h264.ts, from the light path.
    @Test func lightPathMatchesFFprobe() throws {
        let (info, light) = try probe("h264.ts", .whereNeeded)
        #expect(light == .transportStream)
        #expect(info.duration == 4.063)
        #expect(info.bitRate == 48862)
        let v = try #require(info.primaryVideo)
        #expect(v.frameRateFraction == "24/1")
        #expect(v.duration == 363_750.0 / 90_000)
        #expect(v.sampleAspectRatio == "1:1")
        #expect(v.fieldOrder == "progressive")
        let a = try #require(info.primaryAudio)
        #expect(a.duration == 360_960.0 / 90_000)
        #expect(a.sampleRate == 48000 && a.channels == 2 && a.channelLayout == "stereo")
    }

    /// A TS cut before its first SPS cannot be described by the scan: the
    /// full path runs, and its verdict stands.
    @Test func cutTransportStreamFallsBack() {
        #expect(throws: MediaError.self) { try probe("crafted_ts_cut.ts", .whereNeeded) }
    }

    /// The scan counts whole PES packets, unparsed, so it must see each PES
    /// begin exactly one picture. A PES without a timestamp, or one that begins
    /// two pictures (the next step is then two frames), sends the probe to the
    /// full path, whose parser finds all 97 pictures (ffprobe -count_frames: 97).
    @Test(arguments: ["crafted_ts_pes_no_pts.ts", "crafted_ts_two_pictures_one_pes.ts"])
    func aPESThatIsNotOnePictureSendsTheProbeToTheFullPath(_ name: String) throws {
        let probed = try probe(name, .whereNeeded)
        #expect(probed.light == nil)
        #expect(probed.info.primaryVideo?.frameCount == 97)
        #expect(probed.info == (try probe(name, .full)).info)
    }

    /// ADTS frames are counted by their headers' lengths through the PES
    /// packets, a frame may run on into the next PES; a header missing where a
    /// frame should begin, or cut by the end of a PES, breaks the count.
    @Test func adtsFramesAreCountedAcrossPESPackets() {
        func frame(_ length: Int) -> [UInt8] {
            [0xFF, 0xF1, 0x50, 0x80 | UInt8(length >> 11 & 3), UInt8(length >> 3 & 0xFF), UInt8((length & 7) << 5 | 0x1F), 0xFC]
                + [UInt8](repeating: 0x21, count: length - 7)
        }
        func count(_ packets: [[UInt8]]) -> ADTSFrameCount {
            var c = ADTSFrameCount()
            for p in packets { p.withUnsafeBufferPointer { c.add($0) } }
            return c
        }
        let three = frame(300) + frame(9) + frame(2000)
        #expect(count([three]).frames == 3 && !count([three]).broken)
        // The second frame split after 50 of its bytes, the third whole in the next PES.
        let split = count([Array(three[0..<350]), Array(three[350...])])
        #expect(split.frames == 3 && !split.broken)
        // Junk where the next frame's header should be.
        #expect(count([frame(300), [0x00] + frame(9)]).broken)
        // A header cut by the end of its PES.
        #expect(count([frame(300) + Array(frame(9)[0..<4]), Array(frame(9)[4...])]).broken)
    }

    /// avg_frame_rate as FFmpeg's analysis rounds it (get_std_framerate).
    @Test func analysedFrameRate() {
        let tb = AVRational(num: 1, den: 90000)
        func average(_ num: Int32, _ den: Int32) -> String {
            let declared = AVRational(num: num, den: den)
            let r = AnalysedFrameRate.average(codecRate: declared, frameTicks: AnalysedFrameRate.frameTicks(declared, tb), timeBase: tb)
            return "\(r.num)/\(r.den)"
        }
        #expect(average(24, 1) == "24/1")
        #expect(average(24000, 1001) == "24000/1001")  // 3753.75 ticks, rounded down to 3753
        #expect(average(30000, 1001) == "30000/1001")
        #expect(average(60000, 1001) == "60000/1001")
        #expect(average(25, 1) == "25/1")
        #expect(average(100, 1) == "100/1")  // no standard rate within 1 %
        #expect(average(90000, 3001) == "30/1")  // 29.99: rounded to 30
        #expect(AnalysedFrameRate.isStandard(AVRational(num: 24000, den: 1001)))
        #expect(AnalysedFrameRate.isStandard(AVRational(num: 25, den: 2)))
        #expect(!AnalysedFrameRate.isStandard(AVRational(num: 100, den: 1)))
    }

    /// x264 SPSs (High profile, VUI): `setsar=64/45` is written as
    /// Extended_SAR, `setsar=4/3` as aspect_ratio_idc 14. ffprobe agrees.
    @Test func h264SampleAspectRatio() {
        let extended: [UInt8] = [0x67, 0x64, 0x00, 0x0C, 0xAC, 0xD9, 0x41, 0x41, 0x9F, 0x9F, 0xFF, 0x00, 0x40, 0x00, 0x2D, 0x10,
                                 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0x20, 0xF1, 0x42, 0x99, 0x60]
        let table: [UInt8] = [0x67, 0x64, 0x00, 0x0C, 0xAC, 0xD9, 0x41, 0x41, 0x9F, 0x9F, 0x0E, 0x10,
                              0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0x20, 0xF1, 0x42, 0x99, 0x60]
        func ratio(_ nal: [UInt8]) -> String? {
            let packet: [UInt8] = [0, 0, 0, 1] + nal + [0, 0, 1, 0x65, 0x88]  // then an IDR slice
            return packet.withUnsafeBufferPointer { buf in
                SequenceAspectRatio.read(codec: AV_CODEC_ID_H264, packet: buf, path: "test").map { "\($0.num):\($0.den)" }
            }
        }
        #expect(ratio(extended) == "64:45")
        #expect(ratio(table) == "4:3")
        #expect(ratio([0x67, 0x64]) == nil)  // cut short: unknown, not "none"
    }
}
