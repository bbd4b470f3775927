import LTXContract
import LTXMedia

/// `/v1/retake` `video_uri`: container, codecs, size, length, frame count.
enum VideoRules {
    static let containers: [ContainerFormat] = [.mp4, .mov, .mkv]
    static let codecs = ["h264": "H.264", "hevc": "H.265"]

    /// Whose length limits a video is held to: retake's (and extend's
    /// context: 21 s, 73 to 505 frames, windows cut to fit), reframe's
    /// (60 s, 1800 frames, the whole clip sent: nothing is cut) or HDR's
    /// (its tier's frames, by the picture's size; longer clips go in pieces).
    enum Limits: Sendable {
        case retake, reframe, hdr
    }

    static func evaluate(_ m: MediaInfo, strict: Bool = false, limits: Limits = .retake) -> [Finding] {
        guard let v = m.primaryVideo, !v.isImage else {
            return [Finding(rule: .videoStream, severity: .error,
                            actual: m.kind == .image ? "a still image" : "audio only", required: "a video stream",
                            fix: "none: retake edits a video, and this file has none", fixAction: .unfixable)]
        }
        var findings = [Finding.pass(.videoStream, actual: "\(v.codec) \(v.displayWidth)x\(v.displayHeight)", required: "a video stream")]
        findings.append(container(m, v))
        findings.append(codec(v))
        findings.append(resolution(v))
        let duration = v.duration ?? m.duration ?? 0
        switch limits {
        case .retake:
            findings.append(durationRule(duration))
            findings.append(frameCount(v, duration: duration))
        case .reframe:
            findings.append(reframeDuration(duration))
            findings.append(reframeFrameCount(v))
        case .hdr:
            findings.append(hdrFrameCount(v))
        }
        findings += AudioRules.tracksInVideo(m)
        findings += SoftVideoRules.evaluate(v, strict: strict)
        return findings
    }

    static func codecsAccepted(_ v: VideoStreamInfo) -> Bool { codecs[v.codec] != nil }

    private static func container(_ m: MediaInfo, _ v: VideoStreamInfo) -> Finding {
        let required = Format.list(containers.map(\.displayName))
        if containers.contains(m.container) { return .pass(.container, actual: m.container.displayName, required: required) }
        let copyable = codecsAccepted(v)
        return Finding(rule: .container, severity: .error, actual: containerName(m), required: required,
                       fix: copyable ? "remux to MP4 (stream copy, no quality loss)" : "re-encode the video to H.264 in MP4",
                       fixAction: copyable ? .remux : .reencodeVideo)
    }

    private static func codec(_ v: VideoStreamInfo) -> Finding {
        let required = "H.264 or H.265"
        if let name = codecs[v.codec] { return .pass(.videoCodec, actual: name, required: required) }
        return Finding(rule: .videoCodec, severity: .error, actual: v.codec, required: required,
                       fix: "re-encode the video to H.264 (yuv420p)", fixAction: .reencodeVideo)
    }

    private static func resolution(_ v: VideoStreamInfo) -> Finding {
        let w = v.displayWidth, h = v.displayHeight
        let required = "at most \(APILimits.videoLongSide)x\(APILimits.videoShortSide) (either orientation)"
        let actual = "\(w)x\(h)" + (v.rotation != 0 ? " (coded \(v.codedWidth)x\(v.codedHeight), \(v.rotationText))" : "")
        guard let fitted = APILimits.fittedSize(width: w, height: h) else {
            return .pass(.videoResolution, actual: actual, required: required)
        }
        return Finding(rule: .videoResolution, severity: .error, actual: actual, required: required,
                       fix: "downscale to \(fitted.width)x\(fitted.height) (aspect kept)", fixAction: .downscale)
    }

    private static func durationRule(_ duration: Double) -> Finding {
        let required = "at most \(Format.seconds(APILimits.videoMaxDuration))"
        if duration <= APILimits.videoMaxDuration {
            return .pass(.videoDuration, actual: Format.seconds(duration), required: required)
        }
        return Finding(rule: .videoDuration, severity: .error, actual: Format.seconds(duration), required: required,
                       fix: "cut a window of at most \(Format.seconds(APILimits.videoMaxDuration)) around the retake section",
                       fixAction: .cutWindow)
    }

    private static func frameCount(_ v: VideoStreamInfo, duration: Double) -> Finding {
        let n = v.frameCount
        let range = APILimits.videoFrames
        let required = "\(range.lowerBound) to \(range.upperBound) frames"
        let actual = "\(n) frames" + (v.frameRate.map { " at \(Format.number($0, decimals: 3)) fps" } ?? "")
        if range.contains(n) { return .pass(.videoFrameCount, actual: actual, required: required) }
        if n < range.lowerBound {
            return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: required,
                           fix: "pad to \(range.lowerBound) frames (\(range.lowerBound - n) more)", fixAction: .padFrames)
        }
        // Too many frames: a lower frame rate keeps the whole clip when it is
        // short enough; otherwise only a window can pass.
        let fps = v.frameRate ?? Double(n) / max(duration, 0.001)
        if duration <= APILimits.videoMaxDuration, let lower = lowerFrameRate(duration: duration) {
            return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: required,
                           fix: "lower the frame rate to \(lower) fps (about \(Int((Double(lower) * duration).rounded(.down))) frames) to keep the whole clip",
                           fixAction: .lowerFrameRate)
        }
        let window = APILimits.maxWindow(frameRate: fps)
        return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: required,
                       fix: "cut a window of at most \(Format.seconds(window)) around the retake section", fixAction: .cutWindow)
    }

    /// reframe's `video_uri`: at most 60 s. The whole clip is reframed, so no
    /// part of it can be chosen for the user: a longer one is refused.
    private static func reframeDuration(_ duration: Double) -> Finding {
        let most = Catalogue.Reframe.maxSeconds
        let required = "at most \(Format.seconds(most)) for reframe"
        if duration <= most { return .pass(.videoDuration, actual: Format.seconds(duration), required: required) }
        return Finding(rule: .videoDuration, severity: .error, actual: Format.seconds(duration), required: required,
                       fix: "none here: reframe takes the whole clip; cut it into parts of at most \(Format.seconds(most)) and reframe each",
                       fixAction: .unfixable)
    }

    /// reframe's `video_uri`: at most 1800 frames (60 s at 30 fps).
    private static func reframeFrameCount(_ v: VideoStreamInfo) -> Finding {
        let most = Catalogue.Reframe.maxFrames
        let required = "at most \(most) frames for reframe"
        let actual = "\(v.frameCount) frames" + (v.frameRate.map { " at \(Format.number($0, decimals: 3)) fps" } ?? "")
        if v.frameCount <= most { return .pass(.videoFrameCount, actual: actual, required: required) }
        // A lower frame rate would change the frame count the answer keeps: not done silently.
        return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: required,
                       fix: "none here: reframe keeps every frame; cut the clip into parts of at most \(most) frames, or lower its frame rate first",
                       fixAction: .unfixable)
    }

    /// video-to-video-hdr's `video_uri`: at most 181, 101 or 41 frames by the
    /// picture's tier (`Catalogue.HDR.tier`); a longer clip is sent in pieces.
    private static func hdrFrameCount(_ v: VideoStreamInfo) -> Finding {
        let actual = "\(v.frameCount) frames at \(v.displayWidth)x\(v.displayHeight)"
        guard let tier = Catalogue.HDR.tier(width: v.displayWidth, height: v.displayHeight) else {
            return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: "at most 3840x2160 for HDR",
                           fix: "none: HDR answers at the input's size, and takes at most 3840x2160", fixAction: .unfixable)
        }
        let required = "at most \(tier.frames) frames at \(tier.name) for HDR"
        if v.frameCount <= tier.frames { return .pass(.videoFrameCount, actual: actual, required: required) }
        return Finding(rule: .videoFrameCount, severity: .error, actual: actual, required: required,
                       fix: "send it in pieces of at most \(tier.frames) frames (ltx-prep hdr does)", fixAction: .cutWindow)
    }

    /// The highest common frame rate at which `duration` fits 505 frames.
    static func lowerFrameRate(duration: Double) -> Int? {
        [60, 50, 48, 30, 25, 24, 20, 15, 12, 10].first { Double($0) * duration <= Double(APILimits.videoFrames.upperBound) }
    }

    static func containerName(_ m: MediaInfo) -> String {
        m.container == .other ? "\(m.demuxer) (FFmpeg demuxer)" : m.container.displayName
    }
}
