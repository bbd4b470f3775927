import LTXMedia

/// The human form `ltx-prep fix --plan` prints, for any Swift program.
extension FixPlan {
    /// `file: plan (re-encodes)`, then one numbered line per operation.
    public func text(for file: String) -> String {
        guard !operations.isEmpty else { return "\(file): conforms already; fix would copy it unchanged" }
        var lines = ["\(file): plan (\(isLossless ? "no re-encoding" : "re-encodes"))"]
        for (i, op) in operations.enumerated() {
            let rules = op.rules.isEmpty ? "" : "  [\(op.rules.map(\.rawValue).joined(separator: ", "))]"
            lines.append("  \(i + 1). \(op.action.rawValue): \(op.detail)\(rules)")
        }
        return lines.joined(separator: "\n")
    }
}
