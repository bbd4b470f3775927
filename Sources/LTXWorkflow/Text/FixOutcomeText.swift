import LTXMedia
import LTXPreflight

/// The human form `ltx-prep fix` prints, for any Swift program.
extension FixOutcome {
    /// The plan, then `resultText`.
    public var text: String { plan.text(for: input) + "\n" + resultText }

    /// What was written, where a window sits, padding, and the output's check.
    public var resultText: String {
        var lines: [String] = []
        let media = report.media
        var wrote = "  wrote \(output): \(media.container.displayName), \(media.sizeBytes) bytes"
        if let v = media.primaryVideo { wrote += ", \(v.codec) \(v.displayWidth)x\(v.displayHeight), \(v.frameCount) frames" }
        if let a = media.primaryAudio { wrote += ", \(a.codec)" + (a.profile.map { " \($0)" } ?? "") }
        lines.append(wrote)
        if let w = window {
            var line = "  window: \(w.span.text) of the input"
            if let s = w.sectionStart {
                line += "; the section starts at \(Format.seconds(s))" + (w.sectionStartFrame.map { " (frame \($0))" } ?? "") + " of the output"
            }
            lines.append(line)
        }
        if let p = padding {
            lines.append("  padding: \(p.frames) frames (\(Format.seconds(p.seconds))) added by holding the last frame; trim back to \(p.originalFrames) frames to undo")
        }
        lines.append("  check of the output: " + (report.warnings > 0 ? "ACCEPTED with \(report.warnings) warning(s)" : "ACCEPTED")
                     + " for \(report.endpoint.rawValue) \(report.input)")
        return lines.joined(separator: "\n")
    }
}
