import ArgumentParser
import LTXMedia

/// Every numeric option is checked one way: a finite number inside its
/// range (an infinite or huge one once trapped a conversion), else one line
/// naming the flag and the range.
enum Bounds {
    static func check(_ flag: String, _ value: Double?, _ range: ClosedRange<Double>, _ unit: String = "") throws {
        guard let value, !(value.isFinite && range.contains(value)) else { return }
        throw ValidationError("\(flag) must be from \(Format.number(range.lowerBound, decimals: 3)) to \(Format.number(range.upperBound, decimals: 3))\(unit)")
    }

    static func check(_ flag: String, _ value: Int?, _ range: ClosedRange<Int>, _ unit: String = "") throws {
        try check(flag, value.map(Double.init), Double(range.lowerBound)...Double(range.upperBound), unit)
    }
}
