import LTXMedia

/// The human form of a probe, one line per stream.
enum ProbePrinter {
    static func render(_ m: MediaInfo) -> String {
        var head = "\(m.path): \(m.container.displayName)"
        if let brand = m.brand { head += " (\(brand))" }
        head += ", \(m.sizeBytes) bytes"
        if let d = m.duration { head += ", \(Units.seconds(d))" }
        var lines = [head]
        for v in m.video {
            var parts = ["\(v.codec)" + (v.profile.map { " \($0)" } ?? "")]
            if let pf = v.pixelFormat { parts.append("\(pf)" + (v.bitDepth.map { " \($0)-bit" } ?? "")) }
            var size = "\(v.displayWidth)x\(v.displayHeight)"
            if v.rotation != 0 { size += " (coded \(v.codedWidth)x\(v.codedHeight), rotated \(v.rotation)°)" }
            if let w = v.headerWidth, let h = v.headerHeight { size += " (header says \(w)x\(h))" }
            parts.append(size)
            if v.isImage {
                parts.append("still image")
            } else {
                if let r = v.frameRateFraction { parts.append("\(r) fps" + (v.variableFrameRate ? " (variable)" : "")) }
                parts.append("\(v.frameCount) frames (by \(v.frameCountMethod))")
                if let fo = v.fieldOrder { parts.append(fo) }
                if let d = v.duration { parts.append(Units.seconds(d)) }
            }
            lines.append("  video #\(v.index): " + parts.joined(separator: ", "))
        }
        for a in m.audio {
            var parts = ["\(a.codec)" + (a.profile.map { " \($0)" } ?? "")]
            if let declared = a.declaredProfile, declared != a.profile { parts.append("header declares \(declared)") }
            parts.append("\(a.decodedSampleRate ?? a.sampleRate) Hz")
            parts.append("\(a.decodedChannels ?? a.channels) ch" + (a.channelLayout.map { " (\($0))" } ?? ""))
            if let spf = a.samplesPerFrame { parts.append("\(spf) samples/frame") }
            if let d = a.duration { parts.append(Units.seconds(d)) }
            lines.append("  audio #\(a.index): " + parts.joined(separator: ", "))
        }
        for o in m.other { lines.append("  \(o.type) #\(o.index): \(o.codec)") }
        return lines.joined(separator: "\n")
    }
}
