import CFFmpeg
import Foundation
import Testing
import TestSupport
@testable import LTXMedia

/// libx265's parameter sets and slices moved onto ids of their own, on the
/// encoder's real output (the fixtures are libx265's: WPP entry points, open
/// GOPs with CRA and RASL pictures, 8 and 10 bits).
@Suite struct HEVCParameterSetIDsTests {
    let dir = TemporaryDirectory.make("ltx-hevc-ids")
    let ids = HEVCParameterSetIDs(video: 1, sequence: 1, picture: 15)

    /// The file's HEVC as an Annex B stream, its `hvcC`'s sets first, each NAL unit through `rewrite`.
    func annexB(_ path: String, _ rewrite: ([UInt8]) -> [UInt8]?) throws -> [UInt8] {
        let input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        let index = 0  // the fixtures' video
        let hvcC = input.withStream(index) { st in
            Array(UnsafeBufferPointer(start: st.pointee.codecpar.pointee.extradata, count: Int(st.pointee.codecpar.pointee.extradata_size)))
        }
        let configuration = try #require(HEVCConfiguration(hvcC))
        var out: [UInt8] = []
        for set in configuration.parameterSets { out += [0, 0, 0, 1] + (try #require(rewrite(set))) }
        let packet = Packet()
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == index else { continue }
            let sample = packet.withBytes { Array($0) }
            for unit in configuration.units(of: sample) { out += [0, 0, 0, 1] + (try #require(rewrite(Array(sample[unit])))) }
        }
        return out
    }

    @Test(arguments: ["hevc_opengop_aac_12s.mkv", "hevc_hlg10_rotated_6s.mov"])
    func aRewrittenStreamDecodesToTheSamePictures(_ fixture: String) throws {
        let plain = "\(dir)/plain-\(fixture).hevc", moved = "\(dir)/moved-\(fixture).hevc"
        try Data(try annexB(Fixtures.path(fixture)) { $0 }).write(to: URL(fileURLWithPath: plain))
        let rewritten = try annexB(Fixtures.path(fixture)) { ids.rewrite($0) }
        try Data(rewritten).write(to: URL(fileURLWithPath: moved))
        let before = try StreamDigests.pictures(plain), after = try StreamDigests.pictures(moved)
        #expect(before.count == (fixture.contains("12s") ? 300 : 150))
        #expect(after == before)
        // Every set and slice now names the new family.
        let units = rewritten.withUnsafeBufferPointer { b in AVCConfiguration.annexBUnits(b).map { Array(b[$0]) } }
        for unit in units {
            let type = try #require(HEVCParameterSetIDs.type(of: unit))
            var reader = BitReader(SequenceAspectRatio.rawPayload(unit[2...]))
            switch type {
            case 32: #expect(HEVCParameterSetIDs.ownID(of: unit) == 1)
            case 33:
                #expect(reader.read(4) == 1)
                #expect(HEVCParameterSetIDs.ownID(of: unit) == 1)
            case 34:
                #expect(reader.golomb() == 15 && reader.golomb() == 1)
            case let t where HEVCParameterSetIDs.isSlice(t):
                _ = reader.read((16...23).contains(t) ? 2 : 1)
                #expect(reader.golomb() == 15)
            default: break
            }
        }
    }

    /// The ids come from what the original leaves free: a picture id of 15 to
    /// 30 (a whole byte more of ue(v) than libx265's 0), and none at all when
    /// those are all taken.
    @Test func theIDsAvoidTheOriginals() throws {
        let input = try FormatContext(path: Fixtures.path("hevc_aac.mov"), timeout: nil)
        try input.findStreamInfo()
        let hvcC = input.withStream(0) { st in
            Array(UnsafeBufferPointer(start: st.pointee.codecpar.pointee.extradata, count: Int(st.pointee.codecpar.pointee.extradata_size)))
        }
        let sets = try #require(HEVCConfiguration(hvcC)).parameterSets
        #expect(HEVCParameterSetIDs(avoiding: sets) == HEVCParameterSetIDs(video: 1, sequence: 1, picture: 15))
        let first = HEVCParameterSetIDs(video: 1, sequence: 1, picture: 15)
        let taken = try sets + sets.map { try #require(first.rewrite($0)) }
        #expect(HEVCParameterSetIDs(avoiding: taken) == HEVCParameterSetIDs(video: 2, sequence: 2, picture: 16))
        let pps = try #require(sets.first { $0[0] >> 1 == 34 })
        let allPictureIDs = try HEVCParameterSetIDs.pictureIDs.map { p in try #require(HEVCParameterSetIDs(video: 0, sequence: 0, picture: p).rewrite(pps)) }
        #expect(HEVCParameterSetIDs(avoiding: sets + allPictureIDs) == nil)
    }

    /// The new id's leading zeros can make a start code: the rewrite escapes
    /// it, and a slice's data after its header keeps its bytes.
    @Test func emulationPreventionIsTakenOutAndPutBack() throws {
        // TRAIL_R, not the first slice (0), picture id 0 (1), then bits that stay zero for two bytes, then 0x01.
        let slice: [UInt8] = [0x02, 0x01, 0b0100_0000, 0x00, 0x00, 0x03, 0x01, 0xa5, 0x80]
        #expect(SequenceAspectRatio.rawPayload(slice[2...]) == [0b0100_0000, 0x00, 0x00, 0x01, 0xa5, 0x80])
        let moved = try #require(ids.rewrite(slice))
        // 0, then 000010000 (15), then the rest one byte later: 00000100 00 000000 00000000 ...
        #expect(SequenceAspectRatio.rawPayload(moved[2...]) == [0b0000_0100, 0b0000_0000, 0x00, 0x00, 0x01, 0xa5, 0x80])
        #expect(Array(moved[2...]) == [0b0000_0100, 0x00, 0x00, 0x03, 0x00, 0x01, 0xa5, 0x80])
        #expect(RBSP.escape([0x00, 0x00, 0x00]) == [0x00, 0x00, 0x03, 0x00, 0x03])
        // An IRAP slice keeps its no_output_of_prior_pics_flag; the id moves after it.
        let idr: [UInt8] = [0x26, 0x01, 0b1111_1000]
        var reader = BitReader(SequenceAspectRatio.rawPayload(try #require(ids.rewrite(idr))[2...]))
        #expect(reader.read(2) == 0b11 && reader.golomb() == 15 && reader.read(2) == 0b11)
    }

    /// The track's `hvcC` with a second family: every array grows by the new
    /// sets, marked complete for `hvc1`.
    @Test func theConfigurationHoldsBothFamilies() throws {
        let input = try FormatContext(path: Fixtures.path("hevc_opengop_aac_12s.mp4"), timeout: nil)
        try input.findStreamInfo()
        let hvcC = input.withStream(0) { st in
            Array(UnsafeBufferPointer(start: st.pointee.codecpar.pointee.extradata, count: Int(st.pointee.codecpar.pointee.extradata_size)))
        }
        let original = try #require(HEVCConfiguration(hvcC))
        let added = try original.parameterSets.map { try #require(ids.rewrite($0)) }
        let merged = try #require(HEVCConfiguration.adding(added, to: hvcC, complete: true))
        let both = try #require(HEVCConfiguration(merged))
        #expect(both.parameterSets.count == 6 && both.lengthSize == original.lengthSize)
        #expect(Set(both.parameterSets) == Set(original.parameterSets + added))
        #expect(merged.prefix(22) == hvcC.prefix(22))
    }
}
