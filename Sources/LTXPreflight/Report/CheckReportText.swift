import LTXMedia

/// The human form `ltx-prep check` prints, here so that a Swift program
/// reports a check exactly as the tool does.
extension CheckReport {
    /// A verdict line, then one line per rule (`quiet`: only those that do not
    /// pass); `color` adds ANSI colours for a terminal.
    public func text(color: Bool = false, quiet: Bool = false) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let verdict = !conformant ? paint("NOT ACCEPTED", "31") + " (\(count(errors, "error")), \(count(warnings, "warning")))"
            : paint("ACCEPTED", "32") + (warnings > 0 ? " with \(count(warnings, "warning"))" : "")
        var lines = ["\(file): \(verdict) for \(endpoint.rawValue) \(input), delivered by \(delivery.rawValue)"]
        let shown = quiet ? problems : findings
        let width = shown.map(\.rule.rawValue.count).max() ?? 0
        for f in shown {
            let tag = switch f.severity {
            case .pass: paint("PASS", "32")
            case .warning: paint("WARN", "33")
            case .error: paint("FAIL", "31")
            }
            let rule = f.rule.rawValue + String(repeating: " ", count: max(0, width - f.rule.rawValue.count))
            lines.append("  \(tag)  \(rule)  \(f.actual); required: \(f.required)" + (f.fix.map { "; fix: \($0)" } ?? ""))
        }
        if let s = effectiveSection { lines.append("  section the API will use: \(Format.seconds(s.start)) to \(Format.seconds(s.end))") }
        return Format.join(lines, "\n")
    }
}
