/// How numbers read in findings and reports: plain, without Foundation's formatter.
package enum Format {
    /// Seconds to the millisecond, trailing zeros dropped: `4.042 s`, `21 s`.
    package static func seconds(_ s: Double) -> String {
        "\(number(s, decimals: 3)) s"
    }

    package static func number(_ x: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }

    package static func bytes(_ n: Int64) -> String {
        // The API counts megabytes as 10^6 bytes (APILimits.megabyte).
        let mb = Double(n) / 1e6
        return n >= 1_000_000 ? "\(number(mb, decimals: 2)) MB (\(n) bytes)" : "\(n) bytes"
    }

    package static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " or " + items.last!
        }
    }
}

extension Format {
    /// To a tenth of a megabyte (10^6 bytes): `12.3 MB`, for progress.
    package static func mb(_ n: Int64) -> String { "\(number(Double(n) / 1e6, decimals: 1)) MB" }
}
