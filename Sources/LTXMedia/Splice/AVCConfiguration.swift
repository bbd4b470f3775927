/// An H.264 stream's `avcC` record (ISO/IEC 14496-15 5.3.3.1): the parameter
/// sets an MP4, MOV or Matroska track carries once, outside its samples.
///
/// A splice writes one track from two encoders: the input's GOPs as they are
/// and libx264's re-encoded ones. An `avc1` track keeps its parameter sets in
/// the sample entry only, so the output's `avcC` holds both sets, each under
/// its own id, and the re-encoded samples are rewritten from Annex B (start
/// codes) to the track's length-prefixed form without their in-band sets.
/// FFmpeg has no bitstream filter for that direction (only mp4toannexb), so
/// it is done here; it is byte shuffling, no bit-level parsing beyond one
/// Exp-Golomb id.
struct AVCConfiguration: Equatable {
    var profile: UInt8
    var compatibility: UInt8
    var level: UInt8
    /// Bytes of each NAL unit's length prefix (1, 2 or 4).
    var lengthSize: Int
    var sequenceParameterSets: [[UInt8]]
    var pictureParameterSets: [[UInt8]]
    /// The High-profile extension after the PPS list (chroma format, bit
    /// depths, SPS extensions), kept as it is.
    var trailer: [UInt8]

    /// Parses an `avcC` payload; nil when it is not one (Annex B extradata
    /// starts with a start code, not version 1).
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 7, bytes[0] == 1 else { return nil }
        profile = bytes[1]
        compatibility = bytes[2]
        level = bytes[3]
        lengthSize = Int(bytes[4] & 0x3) + 1
        var at = 6
        func lists(_ count: Int) -> [[UInt8]]? {
            var out: [[UInt8]] = []
            for _ in 0..<count {
                guard at + 2 <= bytes.count else { return nil }
                let n = Int(bytes[at]) << 8 | Int(bytes[at + 1])
                at += 2
                guard at + n <= bytes.count else { return nil }
                out.append(Array(bytes[at..<at + n]))
                at += n
            }
            return out
        }
        guard let sps = lists(Int(bytes[5] & 0x1f)) else { return nil }
        sequenceParameterSets = sps
        guard at < bytes.count else { return nil }
        let ppsCount = Int(bytes[at])
        at += 1
        guard let pps = lists(ppsCount) else { return nil }
        pictureParameterSets = pps
        trailer = Array(bytes[at...])
    }

    init(profile: UInt8, compatibility: UInt8, level: UInt8, lengthSize: Int, sequenceParameterSets: [[UInt8]],
         pictureParameterSets: [[UInt8]], trailer: [UInt8]) {
        self.profile = profile
        self.compatibility = compatibility
        self.level = level
        self.lengthSize = lengthSize
        self.sequenceParameterSets = sequenceParameterSets
        self.pictureParameterSets = pictureParameterSets
        self.trailer = trailer
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [1, profile, compatibility, level, 0xfc | UInt8(lengthSize - 1), 0xe0 | UInt8(sequenceParameterSets.count)]
        for s in sequenceParameterSets { out += [UInt8(s.count >> 8), UInt8(s.count & 0xff)] + s }
        out.append(UInt8(pictureParameterSets.count))
        for p in pictureParameterSets { out += [UInt8(p.count >> 8), UInt8(p.count & 0xff)] + p }
        return out + trailer
    }

    /// The ids the sequence parameter sets use (`seq_parameter_set_id`, the
    /// first Exp-Golomb value after profile, constraints and level).
    var sequenceParameterSetIDs: Set<Int> {
        Set(sequenceParameterSets.compactMap { AVCConfiguration.firstExpGolomb(in: $0, skippingBytes: 4) })
    }

    /// This configuration with `other`'s parameter sets added after its own.
    func adding(_ other: AVCConfiguration) -> AVCConfiguration {
        var merged = self
        merged.sequenceParameterSets += other.sequenceParameterSets
        merged.pictureParameterSets += other.pictureParameterSets
        return merged
    }

    /// An unsigned Exp-Golomb value starting after `skippingBytes` bytes of a
    /// NAL unit (header byte included). Emulation-prevention bytes cannot
    /// occur this early in an SPS, whose first bytes are never 0x00 0x00.
    static func firstExpGolomb(in nal: [UInt8], skippingBytes: Int) -> Int? {
        var bit = skippingBytes * 8
        func next() -> Int? {
            guard bit / 8 < nal.count else { return nil }
            let b = Int(nal[bit / 8] >> (7 - UInt8(bit % 8))) & 1
            bit += 1
            return b
        }
        var zeros = 0
        while let b = next(), b == 0 { zeros += 1; if zeros > 31 { return nil } }
        var value = 1
        for _ in 0..<zeros {
            guard let b = next() else { return nil }
            value = value << 1 | b
        }
        return value - 1
    }

    /// The NAL units of an Annex B buffer (start codes removed).
    static func annexBUnits(_ data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var i = 0, start: Int?
        let n = data.count
        while i + 2 < n {
            if data[i] == 0, data[i + 1] == 0, data[i + 2] == 1 {
                if let s = start {
                    var end = i
                    while end > s, data[end - 1] == 0 { end -= 1 }  // a 4-byte start code's leading zero
                    units.append(s..<end)
                }
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        if let s = start, s < n { units.append(s..<n) }
        return units
    }

    /// NAL unit types a re-encoded sample loses: its parameter sets live in
    /// the `avcC`, and access unit delimiters are not used in MP4.
    static let outOfBandTypes: Set<UInt8> = [7, 8, 9]

    /// An Annex B access unit as this track's samples are: each NAL unit
    /// behind a big-endian length of `lengthSize` bytes, parameter sets dropped.
    func lengthPrefixed(annexB data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        for unit in Self.annexBUnits(data) where !unit.isEmpty {
            guard !Self.outOfBandTypes.contains(data[unit.lowerBound] & 0x1f) else { continue }
            let n = unit.count
            for k in stride(from: lengthSize - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: n >> (8 * k))) }
            out.append(contentsOf: data[unit])
        }
        return out
    }
}
