import LTXMedia
import LTXPreflight

/// The human form `ltx-prep splice` prints: which frames came from where.
extension SpliceOutcome {
    public var text: String {
        text(what: "with \(pieces.count == 1 ? "one section" : "\(pieces.count) sections") replaced (\(mode.rawValue))")
    }

    /// The output, `what` was done to the original, then frame by frame.
    public func text(what: String) -> String {
        let r = result
        var lines = ["\(output): \(frames) frames \(width)x\(height)" + (rotation != 0 ? " (rotated \(rotation)° clockwise for display)" : "")
                     + ", the whole of \(original) \(what)"]
        for range in r.ranges {
            let source = range.source.rawValue + String(repeating: " ", count: max(0, 9 - range.source.rawValue.count))
            lines.append("  frames \(range.firstFrame)-\(range.lastFrame)  \(source)  \(Format.seconds(range.start)) to \(Format.seconds(range.end))")
        }
        var summary = "  \(r.frames(.copied)) of \(r.videoFrames) frames copied bit for bit, \(r.frames(.reencoded)) re-encoded, \(r.frames(.answer)) from the answer"
        if let audio = r.audio { summary += "; audio \(audio)" }
        lines.append(summary)
        if let why = r.wholeVideoReencoded { lines.append("  note: \(why)") }
        if let how = r.convertedFromSDR { lines.append("  note: \(how)") }
        if !r.seams.isEmpty { lines.append("  seams at " + r.seams.map { Format.seconds($0) }.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
