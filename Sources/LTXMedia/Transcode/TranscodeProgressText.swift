/// Progress as a terminal's status line shows it, for any Swift program.
extension TranscodeProgress {
    /// `[#######.................]  240/480 frames  ETA 0:04  3.1x`: the bar and
    /// the ETA when the frames to come are known, the speed once `elapsed`
    /// seconds (since the work began) are enough to tell it and it shows as
    /// more than 0.0x.
    public func line(elapsed: Double) -> String {
        let width = 24
        var parts: [String] = []
        if let total = framesExpected, total > 0 {
            let filled = Int(min(1, Double(framesDone) / Double(total)) * Double(width))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            parts.append("\(framesDone)/\(total) frames")
            if framesDone > 0, elapsed > 0 {
                let remaining = Int(elapsed / Double(framesDone) * Double(total - min(total, framesDone)))
                parts.append("ETA \(remaining / 60):" + (remaining % 60 < 10 ? "0" : "") + "\(remaining % 60)")
            }
        } else {
            parts.append("\(framesDone) frames")
        }
        let speed = elapsed > 0.2 ? (secondsDone / elapsed * 10).rounded() / 10 : 0
        if speed > 0 { parts.append("\(speed)x") }
        return parts.joined(separator: "  ")
    }
}
