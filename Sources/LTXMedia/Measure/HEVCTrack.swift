internal import CFFmpeg

/// How an MP4, MOV or Matroska file carries its HEVC parameter sets, read
/// from the library: the sample entry, the `hvcC`'s arrays, and the NAL unit
/// types of every sample, so a test can show that a splice put every set in
/// the `hvcC` and none in band.
public struct HEVCTrack: Sendable, Equatable {
    /// The sample entry's fourcc (`hvc1`, `hev1`); nil in Matroska.
    public var sampleEntry: String?
    /// How many VPS (32), SPS (33) and PPS (34) the `hvcC` holds, by NAL unit type.
    public var configurationSets: [Int: Int]
    /// Every array of the `hvcC` says it is complete (no set of its type comes in band).
    public var arraysComplete: Bool
    /// Each sample's NAL unit types, in file order.
    public var sampleNALTypes: [[Int]]

    /// Nil when the first video stream is not HEVC with an `hvcC`.
    public static func read(_ path: String) throws(MediaError) -> HEVCTrack? {
        let input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        guard let index = input.firstStream(AVMEDIA_TYPE_VIDEO) else { return nil }
        let (codec, tag, hvcC) = input.withStream(index) { st in
            let par = st.pointee.codecpar.pointee
            return (par.codec_id, par.codec_tag, par.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(par.extradata_size))) } ?? [])
        }
        guard codec == AV_CODEC_ID_HEVC, let configuration = HEVCConfiguration(hvcC) else { return nil }
        var counts: [Int: Int] = [:]
        for set in configuration.parameterSets { counts[Int(HEVCConfiguration.type(set[0])), default: 0] += 1 }
        let complete = HEVCConfiguration.arrays(hvcC)?.allSatisfy { $0.header & 0x80 != 0 } ?? false
        input.keepOnly(streams: [index])
        let packet = Packet()
        var samples: [[Int]] = []
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == index else { continue }
            samples.append(packet.withBytes { bytes in
                configuration.units(of: bytes).map { Int(HEVCConfiguration.type(bytes[$0.lowerBound])) }
            })
        }
        return HEVCTrack(sampleEntry: FourCC.text(tag), configurationSets: counts, arraysComplete: complete, sampleNALTypes: samples)
    }
}
