/// The ids one family of HEVC parameter sets goes by (VPS, SPS, PPS), and the
/// rewrite that moves an encoder's NAL units onto them.
///
/// libx265 numbers its sets 0 and has no option for another id, so a splice
/// whose runs must sit beside the original's sets in one `hvcC` rewrites
/// them: `vps_video_parameter_set_id` (u(4), in the VPS and the SPS),
/// `sps_seq_parameter_set_id` (ue(v), in the SPS and the PPS) and
/// `pps_pic_parameter_set_id` (ue(v), in the PPS and every slice header). A
/// parameter set is header syntax only, so any id fits: its bits after the
/// id move, and its trailing bits are written again. A slice's data must stay
/// byte-aligned and its entry points count bytes, so the picture id is one
/// from 15 to 30, whose ue(v) code is 8 bits longer than 0's: the slice's
/// data moves by one whole byte. The rewrite works on the RBSP (emulation
/// prevention removed), then escapes again; the slice data's escapes stay
/// where they were (the header's last byte, holding its alignment bit, is
/// never zero).
struct HEVCParameterSetIDs: Equatable, Sendable {
    let video: Int
    let sequence: Int
    let picture: Int

    /// Picture ids whose ue(v) code is 8 bits longer than that of 0.
    static let pictureIDs = 15...30

    init(video: Int, sequence: Int, picture: Int) {
        self.video = video
        self.sequence = sequence
        self.picture = picture
    }

    /// Ids no set of `existing` uses; nil when one cannot be read or every
    /// usable id is taken.
    init?(avoiding existing: [[UInt8]]) {
        var used: [UInt8: Set<Int>] = [:]
        for nal in existing {
            guard let type = Self.type(of: nal) else { return nil }
            guard [Self.vps, Self.sps, Self.pps].contains(type) else { continue }
            guard let id = Self.ownID(of: nal) else { return nil }
            used[type, default: []].insert(id)
        }
        guard let v = (1...15).first(where: { !used[Self.vps, default: []].contains($0) }),
              let s = (1...15).first(where: { !used[Self.sps, default: []].contains($0) }),
              let p = Self.pictureIDs.first(where: { !used[Self.pps, default: []].contains($0) }) else { return nil }
        self.init(video: v, sequence: s, picture: p)
    }

    static let vps: UInt8 = 32, sps: UInt8 = 33, pps: UInt8 = 34

    static func type(of nal: [UInt8]) -> UInt8? { nal.count >= 2 ? (nal[0] >> 1) & 0x3f : nil }

    /// A VCL NAL unit type whose slice header this rewrite knows (the reserved ones excluded).
    static func isSlice(_ type: UInt8) -> Bool { type <= 9 || (16...21).contains(type) }

    /// The id a VPS, SPS or PPS is known by.
    static func ownID(of nal: [UInt8]) -> Int? {
        guard let type = type(of: nal) else { return nil }
        var reader = BitReader(SequenceAspectRatio.rawPayload(nal[2...]))
        let id: Int
        switch type {
        case vps: id = reader.read(4)
        case sps:
            reader.skip(4)
            reader.skipToSequenceID()
            id = reader.golomb()
        case pps: id = reader.golomb()
        default: return nil
        }
        return reader.overran ? nil : id
    }

    /// `nal` with its ids moved onto these; other NAL units as they are. Nil
    /// when it cannot be read, or a slice's picture id would not move its data
    /// by whole bytes (a picture id outside `pictureIDs`, from another than 0).
    func rewrite(_ nal: [UInt8]) -> [UInt8]? {
        guard let type = Self.type(of: nal) else { return nil }
        guard type == Self.vps || type == Self.sps || type == Self.pps || Self.isSlice(type) else { return nal }
        let rbsp = SequenceAspectRatio.rawPayload(nal[2...])
        var reader = BitReader(rbsp)
        var writer = BitWriter()
        switch type {
        case Self.vps:
            _ = reader.read(4)
            writer.put(video, bits: 4)
            return Self.parameterSet(nal, &writer, &reader, rbsp)
        case Self.sps:
            _ = reader.read(4)
            writer.put(video, bits: 4)
            let start = reader.position
            reader.skipToSequenceID()
            guard !reader.overran else { return nil }
            writer.copy(from: rbsp, bits: start..<reader.position)
            _ = reader.golomb()
            writer.putExpGolomb(sequence)
            return Self.parameterSet(nal, &writer, &reader, rbsp)
        case Self.pps:
            _ = reader.golomb()
            _ = reader.golomb()
            writer.putExpGolomb(picture)
            writer.putExpGolomb(sequence)
            return Self.parameterSet(nal, &writer, &reader, rbsp)
        default:
            // first_slice_segment_in_pic_flag, no_output_of_prior_pics_flag (IRAP), slice_pic_parameter_set_id.
            let flags = (16...23).contains(type) ? 2 : 1
            writer.put(reader.read(flags), bits: flags)
            _ = reader.golomb()
            writer.putExpGolomb(picture)
            guard !reader.overran, (writer.position - reader.position) % 8 == 0 else { return nil }
            writer.copy(from: rbsp, bits: reader.position..<(rbsp.count * 8))
            return Array(nal[0..<2]) + RBSP.escape(writer.bytes)
        }
    }

    /// The parameter set `nal` with the ids `writer` holds, the rest of its
    /// payload after `reader`, its trailing bits again (a stop bit, zeros to
    /// the byte), escaped.
    private static func parameterSet(_ nal: [UInt8], _ writer: inout BitWriter, _ reader: inout BitReader, _ rbsp: [UInt8]) -> [UInt8]? {
        guard !reader.overran, let stop = RBSP.stopBit(rbsp), stop >= reader.position else { return nil }
        writer.copy(from: rbsp, bits: reader.position..<stop)
        writer.put(1, bits: 1)
        while writer.position % 8 != 0 { writer.put(0, bits: 1) }
        return Array(nal[0..<2]) + RBSP.escape(writer.bytes)
    }
}

/// Emulation prevention (H.265 §7.4.2): the bytes 0x000003 that keep a NAL
/// unit's payload from looking like a start code, put back
/// (`SequenceAspectRatio.rawPayload` takes them out).
enum RBSP {
    static func escape(_ rbsp: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rbsp.count + rbsp.count / 64 + 1)
        var zeros = 0
        for b in rbsp {
            if zeros >= 2 && b <= 3 {
                out.append(3)
                zeros = 0
            }
            out.append(b)
            zeros = b == 0 ? zeros + 1 : 0
        }
        // A payload ending in zero (cabac_zero_words) gets a last 0x03.
        if out.last == 0 { out.append(3) }
        return out
    }

    /// The bit position of `rbsp_stop_one_bit`: the last bit set.
    static func stopBit(_ rbsp: [UInt8]) -> Int? {
        guard let i = rbsp.lastIndex(where: { $0 != 0 }) else { return nil }
        return i * 8 + 7 - rbsp[i].trailingZeroBitCount
    }
}

extension BitReader {
    /// Past `n` bits.
    mutating func skip(_ n: Int) {
        var left = n
        while left > 0 {
            _ = read(min(left, 32))
            left -= 32
        }
    }

    /// In an SPS after its VPS id: past the sub-layer count, the nesting flag
    /// and profile_tier_level(1, sps_max_sub_layers_minus1) (§7.3.3).
    mutating func skipToSequenceID() {
        let subLayers = read(3)
        skip(1 + 88 + 8)  // the nesting flag, the general profile and level
        var present: [(profile: Bool, level: Bool)] = []
        for _ in 0..<subLayers { present.append((read(1) == 1, read(1) == 1)) }
        if subLayers > 0 { skip(2 * (8 - subLayers)) }
        for p in present { skip((p.profile ? 88 : 0) + (p.level ? 8 : 0)) }
    }
}

/// Writes bits, most significant first.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var position = 0

    mutating func put(_ value: Int, bits n: Int) {
        for k in stride(from: n - 1, through: 0, by: -1) { putBit(UInt8(truncatingIfNeeded: value >> k) & 1) }
    }

    mutating func putExpGolomb(_ value: Int) {
        let code = value + 1
        let length = Int.bitWidth - code.leadingZeroBitCount
        put(0, bits: length - 1)
        put(code, bits: length)
    }

    /// `range` of `source`'s bits; whole bytes at a time where both sides are aligned alike.
    mutating func copy(from source: [UInt8], bits range: Range<Int>) {
        var at = range.lowerBound
        while at < range.upperBound {
            if at & 7 == 0, position & 7 == 0, range.upperBound - at >= 8 {
                let end = at + (range.upperBound - at) / 8 * 8
                bytes.append(contentsOf: source[(at >> 3)..<(end >> 3)])
                position += end - at
                at = end
            } else {
                putBit((source[at >> 3] >> (7 - UInt8(at & 7))) & 1)
                at += 1
            }
        }
    }

    private mutating func putBit(_ bit: UInt8) {
        if position & 7 == 0 { bytes.append(0) }
        if bit != 0 { bytes[bytes.count - 1] |= 0x80 >> UInt8(position & 7) }
        position += 1
    }
}
