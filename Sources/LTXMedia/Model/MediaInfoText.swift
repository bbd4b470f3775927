extension VideoStreamInfo {
    /// `rotation` with its direction, as every text says it: a bare "270°"
    /// reads as ffprobe's counter-clockwise angle, whose sign is the opposite.
    public var rotationText: String { "rotated \(rotation)° clockwise for display" }
}

/// The human form `ltx-prep probe` prints, here so that a Swift program
/// shows a file exactly as the tool does.
extension MediaInfo {
    /// A line for the file, then one line per stream.
    public var text: String {
        var head = "\(path): \(container.displayName)"
        if let brand { head += " (\(brand))" }
        head += ", \(sizeBytes) bytes"
        if let duration { head += ", \(Format.seconds(duration))" }
        var lines = [head]
        for v in video {
            var parts = ["\(v.codec)" + (v.profile.map { " \($0)" } ?? "")]
            if let pf = v.pixelFormat { parts.append("\(pf)" + (v.bitDepth.map { " \($0)-bit" } ?? "")) }
            var size = "\(v.displayWidth)x\(v.displayHeight)"
            if v.rotation != 0 { size += " (coded \(v.codedWidth)x\(v.codedHeight), \(v.rotationText))" }
            if let w = v.headerWidth, let h = v.headerHeight { size += " (header says \(w)x\(h))" }
            parts.append(size)
            if v.isImage {
                parts.append("still image")
            } else {
                if let r = v.frameRateFraction { parts.append("\(r) fps" + (v.variableFrameRate ? " (variable)" : "")) }
                parts.append("\(v.frameCount) frames (by \(v.frameCountMethod))")
                if let fo = v.fieldOrder { parts.append(fo) }
                if let d = v.duration { parts.append(Format.seconds(d)) }
            }
            lines.append("  video #\(v.index): " + Format.join(parts, ", "))
        }
        for a in audio {
            var parts = ["\(a.codec)" + (a.profile.map { " \($0)" } ?? "")]
            if let declared = a.declaredProfile, declared != a.profile { parts.append("header declares \(declared)") }
            parts.append("\(a.decodedSampleRate ?? a.sampleRate) Hz")
            parts.append("\(a.decodedChannels ?? a.channels) ch" + (a.channelLayout.map { " (\($0))" } ?? ""))
            if let spf = a.samplesPerFrame { parts.append("\(spf) samples/frame") }
            if let d = a.duration { parts.append(Format.seconds(d)) }
            lines.append("  audio #\(a.index): " + Format.join(parts, ", "))
        }
        for o in other { lines.append("  \(o.type) #\(o.index): \(o.codec)") }
        return Format.join(lines, "\n")
    }
}
