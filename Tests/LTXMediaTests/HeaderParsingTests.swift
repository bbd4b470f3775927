import Testing
@testable import LTXMedia

@Suite struct HeaderParsingTests {
    /// AudioSpecificConfig 0x12 0x10: object type 2 (LC), index 4 (44100 Hz), 2 channels.
    @Test func audioSpecificConfigLC() {
        #expect(AACHeader(audioSpecificConfig: [0x12, 0x10]) == AACHeader(objectType: 2, sampleRate: 44100, channels: 2))
    }

    /// 0x2B 0x92 0x08 0x00: object type 5 (explicit SBR), 22050 Hz core, 2 channels.
    @Test func audioSpecificConfigExplicitSBR() {
        let h = AACHeader(audioSpecificConfig: [0x2B, 0x92, 0x08, 0x00])
        #expect(h?.objectType == 5)
        #expect(h?.profileName == "HE-AAC")
        #expect(h?.sampleRate == 22050)
    }

    @Test func adtsHeader() {
        // Sync, MPEG-4, no CRC; profile 1 (LC), index 7 (22050 Hz), channel config 1.
        let h = AACHeader(adts: [0xFF, 0xF1, 0x5C, 0x40, 0x00, 0x1F, 0xFC])
        #expect(h == AACHeader(objectType: 2, sampleRate: 22050, channels: 1))
        #expect(AACHeader(adts: [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]) == nil)
    }

    @Test func matroskaDocType() {
        // EBML header (size 0x23) holding DocType (0x4282) "webm".
        let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84] + Array("webm".utf8)
            + [UInt8](repeating: 0, count: 24)
        #expect(MatroskaDocType.read(from: webm) == "webm")
        #expect(MatroskaDocType.read(from: Array("not matroska at all".utf8)) == nil)
    }

    @Test func brandsSeparateMP4FromMOV() {
        let demuxer = "mov,mp4,m4a,3gp,3g2,mj2"
        #expect(ContainerFormat.identify(demuxer: demuxer, mp4Brand: "qt  ", matroskaDocType: nil, firstCodec: nil) == .mov)
        #expect(ContainerFormat.identify(demuxer: demuxer, mp4Brand: "isom", matroskaDocType: nil, firstCodec: nil) == .mp4)
        #expect(ContainerFormat.identify(demuxer: demuxer, mp4Brand: "M4A ", matroskaDocType: nil, firstCodec: nil) == .m4a)
        #expect(ContainerFormat.identify(demuxer: demuxer, mp4Brand: nil, matroskaDocType: nil, firstCodec: nil) == .mov)
        #expect(ContainerFormat.identify(demuxer: "matroska,webm", mp4Brand: nil, matroskaDocType: "matroska", firstCodec: nil) == .mkv)
    }

    @Test func frameTiming() {
        // 24 fps in 1 ms ticks alternates 41 and 42: still constant.
        #expect(!FrameTiming.isVariable([0, 42, 83, 125, 167, 208, 250]))
        #expect(FrameTiming.isVariable([0, 42, 83, 125, 208, 292, 375]))
    }

    /// VP9 key frames, the uncompressed header only (spec 6.2): profile 0
    /// 8-bit 4:2:0 1280x720, profile 2 10-bit; an inter frame is no key frame.
    @Test func vp9KeyFrameHeader() {
        func header(_ bytes: [UInt8]) -> VP9Header? { bytes.withUnsafeBufferPointer { VP9Header($0) } }
        let p0 = header([0x82, 0x49, 0x83, 0x42, 0x20, 0x4F, 0xF0, 0x2C, 0xF0])
        #expect(p0.map { [$0.profile, Int32($0.bitDepth), $0.width, $0.height] } == [0, 8, 1280, 720])
        #expect(p0?.pixelFormatName == "yuv420p")
        let p2 = header([0x92, 0x49, 0x83, 0x42, 0x10, 0x27, 0xF8, 0x16, 0x78])
        #expect(p2.map { [$0.profile, Int32($0.bitDepth), $0.width, $0.height] } == [2, 10, 1280, 720])
        #expect(p2?.pixelFormatName == "yuv420p10le")
        #expect(header([0x86, 0x00, 0x00, 0x00]) == nil)  // inter frame
        #expect(header([0x82, 0x49, 0x83, 0x41, 0x20]) == nil)  // wrong sync code
        #expect(header([0x82, 0x49, 0x83, 0x42, 0x20]) == nil)  // cut short
    }
}
