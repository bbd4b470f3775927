import LTXMedia
import LTXPreflight
import LTXWorkflow

/// The human form of a splice: which frames came from where.
enum SplicePrinter {
    static func outcome(_ o: SpliceOutcome) -> String {
        let r = o.result
        var lines = ["\(o.output): \(o.frames) frames \(o.width)x\(o.height)" + (o.rotation != 0 ? " (rotated \(o.rotation))" : "")
                     + ", the whole of \(o.original) with \(o.pieces.count == 1 ? "one section" : "\(o.pieces.count) sections") replaced (\(o.mode.rawValue))"]
        for range in r.ranges {
            lines.append("  frames \(range.firstFrame)-\(range.lastFrame)  \(range.source.rawValue + String(repeating: " ", count: max(0, 9 - range.source.rawValue.count)))"
                         + "  \(Format.seconds(range.start)) to \(Format.seconds(range.end))")
        }
        var summary = "  \(r.frames(.copied)) of \(r.videoFrames) frames copied bit for bit, \(r.frames(.reencoded)) re-encoded, \(r.frames(.answer)) from the answer"
        if let audio = r.audio { summary += "; audio \(audio)" }
        lines.append(summary)
        if let why = r.wholeVideoReencoded { lines.append("  note: \(why)") }
        if !r.seams.isEmpty { lines.append("  seams at " + r.seams.map { Format.seconds($0) }.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
