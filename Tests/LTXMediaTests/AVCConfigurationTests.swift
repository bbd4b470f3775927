import Testing
@testable import LTXMedia

/// The avcC record a splice writes with two encoders' parameter sets.
@Suite struct AVCConfigurationTests {
    // A High-profile SPS (id 0) and PPS (id 0), as libx264 writes them for 128x64.
    let sps: [UInt8] = [0x67, 0x64, 0x00, 0x0a, 0xac, 0xd9, 0x42, 0x1e, 0x40]
    let pps: [UInt8] = [0x68, 0xeb, 0xe3, 0xcb, 0x22, 0xc0]

    @Test func aRecordReadsBackAsWritten() throws {
        let config = AVCConfiguration(profile: 100, compatibility: 0, level: 10, lengthSize: 4, sequenceParameterSets: [sps],
                                      pictureParameterSets: [pps], trailer: [0xfd, 0xf8, 0xf8, 0x00])
        let parsed = try #require(AVCConfiguration(config.bytes))
        #expect(parsed == config)
        #expect(parsed.sequenceParameterSetIDs == [0])
        // Annex B extradata is not an avcC.
        #expect(AVCConfiguration([0, 0, 0, 1] + sps) == nil)
    }

    @Test func parameterSetIdsAreReadFromTheirExpGolombCode() {
        // ue(v) 5 is 00110: after profile, constraints and level.
        #expect(AVCConfiguration.firstExpGolomb(in: [0x67, 0x64, 0x00, 0x0a, 0b0011_0000], skippingBytes: 4) == 5)
        #expect(AVCConfiguration.firstExpGolomb(in: [0x68, 0b1000_0000], skippingBytes: 1) == 0)
    }

    @Test func annexBBecomesLengthPrefixedWithoutItsParameterSets() {
        let slice: [UInt8] = [0x65, 0x88, 0x84, 0x00, 0x33]
        let annexB: [UInt8] = [0, 0, 0, 1] + sps + [0, 0, 1] + pps + [0, 0, 0, 1] + slice
        let config = AVCConfiguration(profile: 100, compatibility: 0, level: 10, lengthSize: 4, sequenceParameterSets: [],
                                      pictureParameterSets: [], trailer: [])
        let out = annexB.withUnsafeBufferPointer { config.lengthPrefixed(annexB: $0) }
        #expect(out == [0, 0, 0, 5] + slice)
    }
}
