/// Numbers as the CLI prints them.
enum Units {
    /// To the millisecond: `4.042 s`, `18.0 s`.
    static func seconds(_ s: Double) -> String { "\((s * 1000).rounded() / 1000) s" }

    /// A whole number without its `.0`: `86400`, `0.5`.
    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }

    /// To a tenth of a megabyte (10^6 bytes): `12.3 MB`.
    static func mb(_ n: Int64) -> String { "\((Double(n) / 1e5).rounded() / 10) MB" }
}
