import LTXMedia

/// The human form `ltx-prep fix --plan` prints, for any Swift program.
extension FixPlan {
    /// `file: plan (re-encodes)`, then one numbered line per operation.
    public func text(for file: String) -> String {
        guard !operations.isEmpty else { return "\(file): conforms already; fix would copy it unchanged" }
        // A window cut from a file too big to send is measured once cut, and re-encoded only then.
        let mayReencode = operations.contains { $0.action == .cutWindow && $0.rules.contains(.deliverySize) }
        let how = !isLossless ? "re-encodes" : mayReencode ? "no re-encoding unless the window is still too big to send" : "no re-encoding"
        var lines = ["\(file): plan (\(how))"]
        for (i, op) in operations.enumerated() {
            let rules = op.rules.isEmpty ? "" : "  [\(op.rules.map(\.rawValue).joined(separator: ", "))]"
            lines.append("  \(i + 1). \(op.action.rawValue): \(op.detail)\(rules)")
        }
        return lines.joined(separator: "\n")
    }
}
