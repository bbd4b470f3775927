import LTXMedia

/// The human form `ltx-prep check` prints, here so that a Swift program
/// reports a check exactly as the tool does.
extension CheckReport {
    /// A verdict line, then one line per rule (`quiet`: only those that do not
    /// pass); `color` adds ANSI colours for a terminal.
    public func text(color: Bool = false, quiet: Bool = false) -> String {
        let paint = { (s: String, code: String) in Self.paint(s, code, color: color) }
        var lines = ["\(file): \(verdictText(color: color))"]
        let shown = quiet ? problems : findings
        let width = shown.map(\.rule.rawValue.count).max() ?? 0
        for f in shown {
            let tag = switch f.severity {
            case .pass: paint(f.severity.tag, "32")
            case .warning: paint(f.severity.tag, "33")
            case .error: paint(f.severity.tag, "31")
            }
            let rule = f.rule.rawValue + String(repeating: " ", count: max(0, width - f.rule.rawValue.count))
            lines.append("  \(tag)  \(rule)  \(f.detailText)")
        }
        if let s = effectiveSection { lines.append("  section the API will use: \(Format.seconds(s.start)) to \(Format.seconds(s.end))") }
        return Format.join(lines, "\n")
    }

    /// The verdict line after the file's name: `NOT ACCEPTED (1 error, 0 warnings)
    /// for retake video_uri, delivered by upload`.
    public func verdictText(color: Bool = false) -> String {
        let paint = { (s: String, code: String) in Self.paint(s, code, color: color) }
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let verdict = !conformant ? paint("NOT ACCEPTED", "31") + " (\(count(errors, "error")), \(count(warnings, "warning")))"
            : paint("ACCEPTED", "32") + (warnings > 0 ? " with \(count(warnings, "warning"))" : "")
        return "\(verdict) for \(endpoint.rawValue) \(input), delivered by \(delivery.rawValue)"
    }

    private static func paint(_ s: String, _ code: String, color: Bool) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

extension Severity {
    /// The word a rule's line starts with.
    public var tag: String {
        switch self {
        case .pass: "PASS"
        case .warning: "WARN"
        case .error: "FAIL"
        }
    }
}

extension Finding {
    /// `actual; required: ...; fix: ...`, as a rule's line says it after its name.
    public var detailText: String { "\(actual); required: \(required)" + (fix.map { "; fix: \($0)" } ?? "") }
}
