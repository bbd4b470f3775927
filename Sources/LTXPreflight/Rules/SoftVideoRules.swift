import LTXMedia

/// Limits that do not reject a file but change what comes back: warnings.
enum SoftVideoRules {
    /// The 8k+1 count and the multiple of 32 only when `strict`: they are
    /// what local LTX pipelines want, the API takes the file either way, and
    /// nearly every 720p/1080p/4K file (720 = 32 × 22.5) warned of both.
    static func evaluate(_ v: VideoStreamInfo, strict: Bool = false) -> [Finding] {
        (strict ? [latent(v), multiple(v)] : []) + [bitDepth(v), frameRate(v), interlace(v), headerSize(v)]
    }

    /// 8k+1 frames map to the model's latent steps exactly (73, 81, ... 505).
    private static func latent(_ v: VideoStreamInfo) -> Finding {
        let n = v.frameCount, step = APILimits.latentFrameStep
        let required = "8k+1 frames (73, 81, 89 ... 505)"
        // Judged for any count: 900 frames is not 8k+1 even though video.frame-count refuses it first.
        guard n < 1 || (n - 1) % step != 0 else {
            return .pass(.latentFrameCount, actual: "\(n) frames", required: required)
        }
        let below = (n - 1) / step * step + 1, above = below + step
        var options = [String]()
        if below >= APILimits.videoFrames.lowerBound { options.append("trim to \(below)") }
        if above <= APILimits.videoFrames.upperBound { options.append("pad to \(above)") }
        let fix = options.isEmpty ? "bring the count within 73 to 505 (video.frame-count), at 8k+1"
            : Format.list(options) + " frames so no frame is dropped or invented"
        return Finding(rule: .latentFrameCount, severity: .warning, actual: "\(n) frames", required: required, fix: fix, fixAction: .padFrames)
    }

    private static func multiple(_ v: VideoStreamInfo) -> Finding {
        let m = APILimits.sizeMultiple
        let actual = "\(v.displayWidth)x\(v.displayHeight)"
        let required = "width and height multiples of \(m)"
        if v.displayWidth % m == 0 && v.displayHeight % m == 0 { return .pass(.sizeMultiple, actual: actual, required: required) }
        return Finding(rule: .sizeMultiple, severity: .warning, actual: actual, required: required,
                       fix: "none needed: the server resizes; crop or scale to \(v.displayWidth / m * m)x\(v.displayHeight / m * m) to control how",
                       fixAction: .downscale)
    }

    private static func bitDepth(_ v: VideoStreamInfo) -> Finding {
        let depth = v.bitDepth ?? 8
        let actual = "\(depth)-bit" + (v.pixelFormat.map { " (\($0))" } ?? "")
        if depth <= 8 { return .pass(.bitDepth, actual: actual, required: "8-bit") }
        return Finding(rule: .bitDepth, severity: .warning, actual: actual, required: "8-bit",
                       fix: "re-encode to 8-bit yuv420p H.264: many decoders reject High 10", fixAction: .reencodeVideo)
    }

    private static func frameRate(_ v: VideoStreamInfo) -> Finding {
        let rate = v.frameRateFraction ?? "unknown"
        if !v.variableFrameRate { return .pass(.variableFrameRate, actual: "constant \(rate)", required: "constant frame rate") }
        return Finding(rule: .variableFrameRate, severity: .warning, actual: "variable (average \(rate))",
                       required: "constant frame rate",
                       fix: "re-encode at a constant frame rate so the section maps to exact frames", fixAction: .reencodeVideo)
    }

    private static func interlace(_ v: VideoStreamInfo) -> Finding {
        let order = v.fieldOrder ?? "unknown"
        if !v.isInterlaced { return .pass(.interlaced, actual: order, required: "progressive") }
        return Finding(rule: .interlaced, severity: .warning, actual: "interlaced (\(order))", required: "progressive",
                       fix: "deinterlace and re-encode: the model sees combing as motion", fixAction: .reencodeVideo)
    }

    /// The probe judges the stream's own size (the SPS); a header that says
    /// otherwise does not change the verdict, but players that trust it show
    /// the picture wrong, so the user hears of it.
    private static func headerSize(_ v: VideoStreamInfo) -> Finding {
        let stream = "\(v.codedWidth)x\(v.codedHeight)"
        let required = "the container's header states the stream's size"
        guard let w = v.headerWidth, let h = v.headerHeight else {
            return .pass(.sizeHeader, actual: "\(stream), header and stream agree", required: required)
        }
        return Finding(rule: .sizeHeader, severity: .warning, actual: "the header says \(w)x\(h), the stream is \(stream)",
                       required: required,
                       fix: "none needed: the API decodes the stream's \(stream); re-encode so players that trust the header agree",
                       fixAction: .reencodeVideo)
    }
}
