internal import CFFmpeg

/// The original's video stream as a splice reads it once: codec, sample
/// entry tag, configuration record and what parses of it, coded size.
struct SpliceVideoSource {
    let codec: AVCodecID
    let tag: UInt32
    let extradata: [UInt8]
    let width: Int
    let height: Int
    /// H.264 with an `avcC`.
    let avc: AVCConfiguration?
    /// HEVC with an `hvcC`.
    let hevc: HEVCConfiguration?
    /// Ids for the re-encoded pictures' sets that the `hvcC`'s do not take.
    let hevcIDs: HEVCParameterSetIDs?

    init(_ st: UnsafeMutablePointer<AVStream>) {
        let par = st.pointee.codecpar.pointee
        codec = par.codec_id
        tag = par.codec_tag
        extradata = par.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(par.extradata_size))) } ?? []
        (width, height) = (Int(par.width), Int(par.height))
        avc = codec == AV_CODEC_ID_H264 ? AVCConfiguration(extradata) : nil
        hevc = codec == AV_CODEC_ID_HEVC ? HEVCConfiguration(extradata) : nil
        hevcIDs = hevc.flatMap { HEVCParameterSetIDs(avoiding: $0.parameterSets) }
    }

    /// What the splice's decision reads (`SpliceDecision`).
    func described(container: ContainerFormat, timestampsComplete: Bool, hasAudio: Bool) -> SpliceOriginal {
        let coded: SpliceOriginal.Codec = codec == AV_CODEC_ID_H264 ? .h264(configured: avc != nil)
            : codec == AV_CODEC_ID_HEVC ? .hevc(configured: hevc != nil, idsLeft: hevcIDs != nil)
            : .other(String(cString: avcodec_get_name(codec)))
        return SpliceOriginal(codec: coded, sampleEntry: container == .mp4 || container == .mov ? FourCC.text(tag) : nil,
                              timestampsComplete: timestampsComplete, width: width, height: height, hasAudio: hasAudio)
    }
}
