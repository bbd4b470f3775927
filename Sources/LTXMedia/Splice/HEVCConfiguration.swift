/// An HEVC track's `hvcC` (ISO/IEC 14496-15 §8.3.3), read for what a splice
/// needs: how long its samples' NAL lengths are, and its parameter sets.
///
/// libx265 cannot give its parameter sets ids of their own (H.264's way: both
/// sets side by side in `avcC`), so a splice carries them in band instead:
/// HEVC lets parameter sets change at an IRAP picture that starts a coded
/// video sequence. Each re-encoded run starts with libx265's VPS, SPS and PPS
/// before its IDR and ends with an end-of-sequence NAL unit; the next copied
/// GOP starts with the original's sets again before its IRAP, which the
/// end of sequence makes the start of a new sequence; a CRA there becomes a
/// BLA (`brokenLink`), its leading pictures having been encoded in the run.
/// In MP4 and MOV the sample entry becomes `hev1`, the form whose samples may
/// carry parameter sets (`hvc1` promises they are only in the `hvcC`).
struct HEVCConfiguration: Equatable {
    /// Bytes of each NAL unit's length in a sample: 1, 2 or 4.
    let lengthSize: Int
    /// VPS, SPS and PPS NAL units, in that order, without start codes.
    let parameterSets: [[UInt8]]

    /// VPS, SPS, PPS and access unit delimiter: what a sample does not carry
    /// from the encoder's own output (the run's sets are put in explicitly).
    static let parameterSetTypes: Set<UInt8> = [32, 33, 34]
    static let delimiter: UInt8 = 35
    /// An end-of-sequence NAL unit: type 36, layer 0, temporal id 0.
    static let endOfSequence: [UInt8] = [0x48, 0x01]

    static func type(_ firstByte: UInt8) -> UInt8 { (firstByte >> 1) & 0x3f }

    /// Nil for anything that is not an `hvcC` (Annex B extradata, a truncated box).
    init?(_ hvcC: [UInt8]) {
        guard hvcC.count >= 23, hvcC[0] == 1 else { return nil }
        let size = Int(hvcC[21] & 3) + 1
        var sets: [[UInt8]] = []
        var i = 23
        for _ in 0..<Int(hvcC[22]) {
            guard i + 3 <= hvcC.count else { return nil }
            let type = hvcC[i] & 0x3f
            let count = Int(hvcC[i + 1]) << 8 | Int(hvcC[i + 2])
            i += 3
            for _ in 0..<count {
                guard i + 2 <= hvcC.count else { return nil }
                let n = Int(hvcC[i]) << 8 | Int(hvcC[i + 1])
                i += 2
                guard i + n <= hvcC.count else { return nil }
                if Self.parameterSetTypes.contains(type) { sets.append(Array(hvcC[i..<(i + n)])) }
                i += n
            }
        }
        guard [32, 33, 34].allSatisfy({ t in sets.contains { !$0.isEmpty && Self.type($0[0]) == t } }) else { return nil }
        guard size != 3 else { return nil }
        lengthSize = size
        parameterSets = sets.sorted { Self.type($0[0]) < Self.type($1[0]) }
    }

    /// The `hvcC` for a `hev1` sample entry: the same, each array's
    /// completeness bit cleared (more sets may come in band).
    static func inBand(_ hvcC: [UInt8]) -> [UInt8] {
        guard hvcC.count >= 23 else { return hvcC }
        var out = hvcC
        var i = 23
        for _ in 0..<Int(hvcC[22]) {
            guard i + 3 <= out.count else { break }
            out[i] &= 0x7f
            let count = Int(out[i + 1]) << 8 | Int(out[i + 2])
            i += 3
            for _ in 0..<count {
                guard i + 2 <= out.count else { return out }
                i += 2 + (Int(out[i]) << 8 | Int(out[i + 1]))
            }
        }
        return out
    }

    /// The VPS, SPS and PPS of an encoder's Annex B extradata.
    static func parameterSets(annexB data: [UInt8]) -> [[UInt8]] {
        data.withUnsafeBufferPointer { buffer in
            AVCConfiguration.annexBUnits(buffer).map { Array(buffer[$0]) }.filter { !$0.isEmpty && parameterSetTypes.contains(type($0[0])) }
        }
    }

    /// A copied IRAP sample that follows a run: its CRA slices become BLA_N_LP
    /// (the same slice header syntax). After a CRA that starts a sequence the
    /// decoder drops every picture not yet shown (NoOutputOfPriorPicsFlag is 1
    /// for a CRA), the run's last ones among them; a BLA goes by the slice's
    /// own flag, which keeps them. Its leading pictures went to the run, so
    /// it has none: "N_LP".
    func brokenLink(_ sample: [UInt8]) -> [UInt8] {
        var out = sample
        var i = 0
        while i + lengthSize < out.count {
            var n = 0
            for k in 0..<lengthSize { n = n << 8 | Int(out[i + k]) }
            let at = i + lengthSize
            guard n > 0, at + n <= out.count else { break }
            if Self.type(out[at]) == Self.craType { out[at] = (out[at] & 0x81) | (Self.blaNoLeadingType << 1) }
            i = at + n
        }
        return out
    }

    static let craType: UInt8 = 21
    static let blaNoLeadingType: UInt8 = 18

    /// `units`, each behind its length, as this track's samples hold them.
    func lengthPrefixed(_ units: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for unit in units {
            for k in stride(from: lengthSize - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: unit.count >> (8 * k))) }
            out.append(contentsOf: unit)
        }
        return out
    }

    /// An encoder's Annex B access unit as a sample, its own parameter sets
    /// and delimiters left out (`VideoRun` puts the sets in once, first).
    func lengthPrefixed(annexB data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        lengthPrefixed(AVCConfiguration.annexBUnits(data).compactMap { unit in
            guard !unit.isEmpty else { return nil }
            let t = Self.type(data[unit.lowerBound])
            return Self.parameterSetTypes.contains(t) || t == Self.delimiter ? nil : Array(data[unit])
        })
    }
}
