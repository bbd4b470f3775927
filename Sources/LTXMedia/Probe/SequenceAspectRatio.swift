internal import CFFmpeg

/// The sample aspect ratio a video stream's SPS declares (VUI
/// `aspect_ratio_info`), for containers whose header has none (MPEG-TS).
/// FFmpeg's parsers do not report it; its decoders do, once they have seen
/// the SPS, and this gives the same answer without decoding a picture.
enum SequenceAspectRatio {
    /// The ratio the SPS in `packet` declares, 0/1 when it declares none
    /// (FFmpeg's convention). Nil when the packet holds no SPS that could be
    /// read: then nothing is known.
    static func read(codec: AVCodecID, packet: UnsafeBufferPointer<UInt8>, path: String) -> AVRational? {
        switch codec {
        case AV_CODEC_ID_H264:
            let units = unitsBeforeFirstSlice(packet) { (1...5).contains($0 & 0x1F) }
            guard let sps = units.first(where: { packet[$0.lowerBound] & 0x1F == 7 }) else { return nil }
            return H264SPSAspect.read(rbsp: rawPayload(packet[sps]))
        case AV_CODEC_ID_HEVC:
            // An HEVC SPS puts its VUI behind reference picture sets and
            // scaling lists; FFmpeg's decoder, opened on the packet's
            // parameter sets as its extradata, reads them and exports the ratio.
            let units = unitsBeforeFirstSlice(packet) { ($0 >> 1) & 0x3F < 32 }
            let parameterSets = units.filter { (32...34).contains((packet[$0.lowerBound] >> 1) & 0x3F) }
            guard parameterSets.contains(where: { (packet[$0.lowerBound] >> 1) & 0x3F == 33 }) else { return nil }
            let startCode: [UInt8] = [0, 0, 0, 1]
            let extradata = parameterSets.flatMap { startCode + Array(packet[$0]) }
            let decoder = extradata.withUnsafeBufferPointer { try? Decoder(codec: codec, extradata: $0, path: path) }
            return decoder?.sampleAspectRatio
        default:
            return nil
        }
    }

    /// The ratio as a decoder keeps it: only if it fits the picture
    /// (FFmpeg's ff_set_sar), else 0/1.
    static func kept(_ ratio: AVRational, width: Int32, height: Int32) -> AVRational {
        av_image_check_sar(UInt32(max(width, 0)), UInt32(max(height, 0)), ratio) >= 0 ? ratio : AVRational(num: 0, den: 1)
    }

    /// The Annex B NAL units ahead of the first slice, where parameter sets
    /// go; the slice data (most of the packet) is not scanned.
    static func unitsBeforeFirstSlice(_ data: UnsafeBufferPointer<UInt8>, isSlice: (UInt8) -> Bool) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var start: Int?
        var i = 0
        let n = data.count
        while i + 2 < n {
            guard data[i] == 0, data[i + 1] == 0, data[i + 2] == 1 else { i += 1; continue }
            if let s = start {
                var end = i
                while end > s, data[end - 1] == 0 { end -= 1 }  // a 4-byte start code's leading zero
                if end > s { units.append(s..<end) }
            }
            i += 3
            start = nil
            guard i < n, !isSlice(data[i]) else { return units }
            start = i
        }
        if let s = start, s < n { units.append(s..<n) }
        return units
    }

    /// A NAL unit's payload without its emulation-prevention bytes (00 00 03 -> 00 00).
    static func rawPayload(_ nal: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(nal.count)
        var zeros = 0
        for b in nal {
            if zeros >= 2 && b == 3 { zeros = 0; continue }
            zeros = b == 0 ? zeros + 1 : 0
            out.append(b)
        }
        return out
    }
}

/// An H.264 SPS read as far as its VUI's aspect ratio (ITU-T H.264 7.3.2.1.1, E.1.1).
enum H264SPSAspect {
    /// Table E-1, as FFmpeg has it (ff_h2645_pixel_aspect).
    private static let table: [(Int32, Int32)] = [
        (0, 1), (1, 1), (12, 11), (10, 11), (16, 11), (40, 33), (24, 11), (20, 11), (32, 11),
        (80, 33), (18, 11), (15, 11), (64, 33), (160, 99), (4, 3), (3, 2), (2, 1),
    ]
    /// Profiles whose SPS carries chroma format, bit depths and scaling matrices.
    private static let highProfiles: Set<Int> = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135, 144]

    /// `rbsp`: the NAL unit, header byte included, emulation prevention removed.
    /// The ratio, 0/1 when the SPS declares none; nil when unreadable.
    static func read(rbsp: [UInt8]) -> AVRational? {
        var r = BitReader(rbsp)
        _ = r.read(8)  // NAL header
        let profile = r.read(8)
        _ = r.read(16)  // constraint flags, level
        _ = r.golomb()  // seq_parameter_set_id
        if highProfiles.contains(profile) {
            let chroma = r.golomb()
            if chroma == 3 { _ = r.read(1) }  // separate_colour_plane_flag
            _ = r.golomb(); _ = r.golomb()  // bit depths
            _ = r.read(1)  // qpprime_y_zero_transform_bypass_flag
            if r.read(1) == 1 {  // seq_scaling_matrix_present_flag
                for i in 0..<(chroma == 3 ? 12 : 8) where r.read(1) == 1 {
                    skipScalingList(&r, size: i < 6 ? 16 : 64)
                }
            }
        }
        _ = r.golomb()  // log2_max_frame_num_minus4
        switch r.golomb() {  // pic_order_cnt_type
        case 0: _ = r.golomb()
        case 1:
            _ = r.read(1); _ = r.signedGolomb(); _ = r.signedGolomb()
            let cycle = r.golomb()
            guard cycle <= 255 else { return nil }
            for _ in 0..<cycle { _ = r.signedGolomb() }
        default: break
        }
        _ = r.golomb(); _ = r.read(1)  // max_num_ref_frames, gaps_in_frame_num_value_allowed_flag
        _ = r.golomb(); _ = r.golomb()  // picture size in macroblocks
        if r.read(1) == 0 { _ = r.read(1) }  // frame_mbs_only_flag, mb_adaptive_frame_field_flag
        _ = r.read(1)  // direct_8x8_inference_flag
        if r.read(1) == 1 { for _ in 0..<4 { _ = r.golomb() } }  // frame cropping
        let vui = r.read(1) == 1
        let aspect = vui && r.read(1) == 1
        var ratio = AVRational(num: 0, den: 1)
        if aspect {
            let idc = r.read(8)
            if idc == 255 {
                ratio = AVRational(num: Int32(r.read(16)), den: Int32(r.read(16)))
            } else if idc < table.count {
                ratio = AVRational(num: table[idc].0, den: table[idc].1)
            } else {
                return nil  // FFmpeg rejects the SPS
            }
        }
        return r.overran ? nil : ratio
    }

    private static func skipScalingList(_ r: inout BitReader, size: Int) {
        var last = 8, next = 8
        for j in 0..<size {
            if next != 0 {
                next = (last + r.signedGolomb() + 256) % 256
                if j == 0 && next == 0 { return }  // the default matrix
            }
            if next != 0 { last = next }
        }
    }
}

extension BitReader {
    /// Unsigned Exp-Golomb (ue(v)).
    mutating func golomb() -> Int {
        var zeros = 0
        while read(1) == 0 {
            zeros += 1
            if zeros > 31 || overran { return 0 }
        }
        return (1 << zeros) - 1 + read(zeros)
    }

    /// Signed Exp-Golomb (se(v)).
    mutating func signedGolomb() -> Int {
        let k = golomb()
        return k & 1 == 1 ? (k + 1) / 2 : -(k / 2)
    }
}
