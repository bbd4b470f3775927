import LTXPreflight

/// The human form of a check: a verdict line, then one line per rule.
struct ReportPrinter {
    var color: Bool
    var quiet: Bool

    func render(_ r: CheckReport) -> String {
        let verdict: String
        if !r.conformant {
            verdict = paint("NOT ACCEPTED", .red) + " (\(count(r.errors, "error")), \(count(r.warnings, "warning")))"
        } else if r.warnings > 0 {
            verdict = paint("ACCEPTED", .green) + " with \(count(r.warnings, "warning"))"
        } else {
            verdict = paint("ACCEPTED", .green)
        }
        var lines = ["\(r.file): \(verdict) for \(r.endpoint.rawValue) \(r.input), delivered by \(r.delivery.rawValue)"]
        let shown = quiet ? r.problems : r.findings
        let width = shown.map(\.rule.rawValue.count).max() ?? 0
        for f in shown {
            var line = "  \(tag(f.severity))  \(pad(f.rule.rawValue, width))  \(f.actual); required: \(f.required)"
            if let fix = f.fix { line += "; fix: \(fix)" }
            lines.append(line)
        }
        if let s = r.effectiveSection {
            lines.append("  section the API will use: \(Units.seconds(s.start)) to \(Units.seconds(s.end))")
        }
        return lines.joined(separator: "\n")
    }

    private func tag(_ s: Severity) -> String {
        switch s {
        case .pass: paint("PASS", .green)
        case .warning: paint("WARN", .yellow)
        case .error: paint("FAIL", .red)
        }
    }

    private enum Colour: String { case red = "31", green = "32", yellow = "33" }

    private func paint(_ s: String, _ c: Colour) -> String {
        color ? "\u{1B}[\(c.rawValue)m\(s)\u{1B}[0m" : s
    }


    private func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
