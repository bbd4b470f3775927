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
        guard items.count > 1 else { return items.first ?? "" }
        return join(Array(items.dropLast()), ", ") + " or " + items[items.count - 1]
    }

    /// `items` with `separator` between them. Written out because the standard library's
    /// `joined(separator:)` is not specialised into this module: its first call makes the
    /// runtime scan every protocol conformance record in the program, the largest piece of
    /// `check`'s own start-up work in `perf`.
    package static func join(_ items: [String], _ separator: String) -> String {
        var text = items.first ?? ""
        for item in items.dropFirst() { text += separator + item }
        return text
    }
}

extension Format {
    /// To a tenth of a megabyte (10^6 bytes): `12.3 MB`, for progress.
    package static func mb(_ n: Int64) -> String { "\(number(Double(n) / 1e6, decimals: 1)) MB" }
}
