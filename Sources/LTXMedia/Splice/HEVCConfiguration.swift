/// An HEVC track's `hvcC` (ISO/IEC 14496-15 §8.3.3), read for what a splice
/// needs: how long its samples' NAL lengths are, and its parameter sets.
///
/// A splice writes one track from two encoders, as H.264's does: the
/// re-encoded runs' VPS, SPS and PPS take ids the original does not use
/// (`HEVCParameterSetIDs`), and the one `hvcC` holds every set, the
/// original's and the runs', none in band, so an `hvc1` track stays `hvc1`.
/// A run still starts a coded video sequence (libx265's IDR) and ends one (an
/// end-of-sequence NAL unit), because a sequence keeps one SPS: the next
/// copied GOP's IRAP starts the original's again; a CRA there becomes a BLA
/// (`brokenLink`), its leading pictures having been encoded in the run.
struct HEVCConfiguration: Equatable {
    /// Bytes of each NAL unit's length in a sample: 1, 2 or 4.
    let lengthSize: Int
    /// VPS, SPS and PPS NAL units, in that order, without start codes.
    let parameterSets: [[UInt8]]

    /// VPS, SPS and PPS, which a re-encoded sample does not carry (nor an
    /// access unit delimiter).
    static let parameterSetTypes: Set<UInt8> = [32, 33, 34]
    static let delimiter: UInt8 = 35
    /// An end-of-sequence NAL unit: type 36, layer 0, temporal id 0.
    static let endOfSequence: [UInt8] = [0x48, 0x01]

    static func type(_ firstByte: UInt8) -> UInt8 { (firstByte >> 1) & 0x3f }

    /// Nil for anything that is not an `hvcC` (Annex B extradata, a truncated box).
    init?(_ hvcC: [UInt8]) {
        guard let arrays = Self.arrays(hvcC) else { return nil }
        let size = Int(hvcC[21] & 3) + 1
        let sets = arrays.filter { Self.parameterSetTypes.contains($0.header & 0x3f) }.flatMap(\.units)
        guard [32, 33, 34].allSatisfy({ t in sets.contains { !$0.isEmpty && Self.type($0[0]) == t } }) else { return nil }
        guard size != 3 else { return nil }
        lengthSize = size
        parameterSets = sets.sorted { Self.type($0[0]) < Self.type($1[0]) }
    }

    /// One array of an `hvcC`: its first byte (completeness bit, NAL unit type) and its units.
    typealias NALArray = (header: UInt8, units: [[UInt8]])

    /// The `hvcC`'s arrays; nil when it is not one.
    static func arrays(_ hvcC: [UInt8]) -> [NALArray]? {
        guard hvcC.count >= 23, hvcC[0] == 1 else { return nil }
        var arrays: [NALArray] = []
        var i = 23
        for _ in 0..<Int(hvcC[22]) {
            guard i + 3 <= hvcC.count else { return nil }
            let header = hvcC[i]
            let count = Int(hvcC[i + 1]) << 8 | Int(hvcC[i + 2])
            i += 3
            var units: [[UInt8]] = []
            for _ in 0..<count {
                guard i + 2 <= hvcC.count else { return nil }
                let n = Int(hvcC[i]) << 8 | Int(hvcC[i + 1])
                guard i + 2 + n <= hvcC.count else { return nil }
                units.append(Array(hvcC[(i + 2)..<(i + 2 + n)]))
                i += 2 + n
            }
            arrays.append((header, units))
        }
        return arrays
    }

    /// `hvcC` with `added` (VPS, SPS and PPS under ids of their own) put
    /// after the original's sets of each type; `complete` marks every array
    /// complete (`hvc1`: no set comes in band), else each keeps its bit.
    static func adding(_ added: [[UInt8]], to hvcC: [UInt8], complete: Bool) -> [UInt8]? {
        guard let arrays = arrays(hvcC) else { return nil }
        var out = Array(hvcC[0..<22]) + [UInt8(arrays.count)]
        for (header, original) in arrays {
            let units = original + added.filter { !$0.isEmpty && type($0[0]) == header & 0x3f }
            guard units.count <= 0xffff else { return nil }
            out += [complete ? header | 0x80 : header, UInt8(units.count >> 8), UInt8(units.count & 0xff)]
            for unit in units { out += [UInt8(unit.count >> 8), UInt8(unit.count & 0xff)] + unit }
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
        for unit in units(of: sample) where Self.type(out[unit.lowerBound]) == Self.craType {
            out[unit.lowerBound] = (out[unit.lowerBound] & 0x81) | (Self.blaNoLeadingType << 1)
        }
        return out
    }

    /// Where each NAL unit of a sample lies, up to the first length that does not fit.
    func units(of sample: some RandomAccessCollection<UInt8>) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var i = 0
        let bytes = Array(sample)
        while i + lengthSize < bytes.count {
            var n = 0
            for k in 0..<lengthSize { n = n << 8 | Int(bytes[i + k]) }
            let at = i + lengthSize
            guard n > 0, at + n <= bytes.count else { break }
            units.append(at..<(at + n))
            i = at + n
        }
        return units
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

    /// An encoder's Annex B access unit as a sample: its own parameter sets
    /// and delimiters left out (they live in the `hvcC`), its slices moved
    /// onto `ids`. Nil when a slice cannot be moved.
    func sample(annexB data: UnsafeBufferPointer<UInt8>, ids: HEVCParameterSetIDs) -> [UInt8]? {
        var units: [[UInt8]] = []
        for unit in AVCConfiguration.annexBUnits(data) where !unit.isEmpty {
            let t = Self.type(data[unit.lowerBound])
            guard !Self.parameterSetTypes.contains(t), t != Self.delimiter else { continue }
            guard let moved = ids.rewrite(Array(data[unit])) else { return nil }
            units.append(moved)
        }
        return lengthPrefixed(units)
    }
}
