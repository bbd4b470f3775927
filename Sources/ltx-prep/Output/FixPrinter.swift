import LTXMedia
import LTXPreflight
import LTXWorkflow

/// The human form of a plan and of what a fix did.
enum FixPrinter {
    static func plan(_ file: String, _ plan: FixPlan) -> String {
        guard !plan.operations.isEmpty else { return "\(file): conforms already; fix would copy it unchanged" }
        var lines = ["\(file): plan (\(plan.isLossless ? "no re-encoding" : "re-encodes"))"]
        for (i, op) in plan.operations.enumerated() {
            let rules = op.rules.isEmpty ? "" : "  [\(op.rules.map(\.rawValue).joined(separator: ", "))]"
            lines.append("  \(i + 1). \(op.action.rawValue): \(op.detail)\(rules)")
        }
        return lines.joined(separator: "\n")
    }

    static func outcome(_ o: FixOutcome) -> String {
        var lines = [plan(o.input, o.plan)]
        let media = o.report.media
        var wrote = "  wrote \(o.output): \(media.container.displayName), \(media.sizeBytes) bytes"
        if let v = media.primaryVideo { wrote += ", \(v.codec) \(v.displayWidth)x\(v.displayHeight), \(v.frameCount) frames" }
        if let a = media.primaryAudio { wrote += ", \(a.codec)" + (a.profile.map { " \($0)" } ?? "") }
        lines.append(wrote)
        if let w = o.window {
            var line = "  window: \(Units.seconds(w.inputStart)) to \(Units.seconds(w.inputStart + w.duration)) of the input"
            if let s = w.sectionStart {
                line += "; the section starts at \(Units.seconds(s))" + (w.sectionStartFrame.map { " (frame \($0))" } ?? "") + " of the output"
            }
            lines.append(line)
        }
        if let p = o.padding {
            lines.append("  padding: \(p.frames) frames (\(Units.seconds(p.seconds))) added by holding the last frame; trim back to \(p.originalFrames) frames to undo")
        }
        lines.append("  check of the output: " + (o.report.warnings > 0 ? "ACCEPTED with \(o.report.warnings) warning(s)" : "ACCEPTED")
                     + " for \(o.report.endpoint.rawValue) \(o.report.input)")
        return lines.joined(separator: "\n")
    }
}
