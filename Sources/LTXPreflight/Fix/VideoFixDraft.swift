import LTXContract
import LTXMedia

/// A retake video's fix plan as its rules build it, one rule a step, in the
/// order their operations are listed: codec, size, frame count, window,
/// canvas, audio, delivery size, container. Pure.
struct VideoFixDraft {
    let report: CheckReport
    let options: FixOptions
    let video: VideoStreamInfo
    let duration: Double
    let fps: Double
    /// The clip is longer than the API takes, for an endpoint that is sent a
    /// window of it: reframe takes the whole clip (up to 60 s), HDR's pieces are its plan's windows.
    let needsWindow: Bool
    var ops: [FixOperation] = []
    var encoding: VideoEncoding
    var encode = false
    var window: TimeWindow?
    var pad: Int?
    var audio: StreamPlan<AudioEncoding> = .copy
    /// An audio-file codec (FLAC, PCM...) that a video written anew cannot carry.
    var audioFileCodec: String?

    init(_ report: CheckReport, _ options: FixOptions, video: VideoStreamInfo) {
        self.report = report
        self.options = options
        self.video = video
        duration = video.duration ?? report.media.duration ?? 0
        fps = video.frameRate ?? Double(video.frameCount) / max(duration, 0.001)
        encoding = VideoEncoding(crf: options.crf, preset: options.preset)
        needsWindow = ![.reframe, .hdr].contains(report.endpoint) && duration > APILimits.videoMaxDuration
    }

    func broken(_ rule: RuleID) -> Bool { FixPlanner.error(report, rule) != nil }

    mutating func reencodeCodec() {
        guard broken(.videoCodec) else { return }
        encode = true
        ops.append(FixOperation(action: .reencodeVideo, detail: "re-encode \(video.codec) to H.264 (libx264 CRF \(options.crf), \(options.preset))",
                                rules: [.videoCodec]))
    }

    /// The displayed size is the stream's own (the probe reads the SPS, not
    /// the container's header), and a plan only ever shrinks it: a header
    /// claiming 65535x65535 around a small stream must not scale it up.
    mutating func downscale() {
        let v = video
        guard broken(.videoResolution), let fitted = APILimits.fittedSize(width: v.displayWidth, height: v.displayHeight),
              fitted.width <= v.displayWidth, fitted.height <= v.displayHeight else { return }
        encode = true
        // The encoder works on the coded picture; rotation is kept as metadata.
        let swapped = v.rotation == 90 || v.rotation == 270
        encoding.width = swapped ? fitted.height : fitted.width
        encoding.height = swapped ? fitted.width : fitted.height
        ops.append(FixOperation(action: .downscale, detail: "downscale \(v.displayWidth)x\(v.displayHeight) to \(fitted.width)x\(fitted.height)",
                                rules: [.videoResolution]))
    }

    /// Too few frames are padded; too many, in a clip that needs no window,
    /// are fewer at a lower frame rate.
    mutating func fitFrameCount() {
        guard broken(.videoFrameCount) else { return }
        if video.frameCount < APILimits.videoFrames.lowerBound {
            let least = APILimits.videoFrames.lowerBound
            encode = true
            pad = least
            ops.append(FixOperation(action: .padFrames,
                                    detail: "pad \(video.frameCount) frames to \(least) by holding the last frame (\(least - video.frameCount) added, recorded for trimming back)",
                                    rules: [.videoFrameCount]))
        } else if !needsWindow, let lower = VideoRules.lowerFrameRate(duration: duration) {
            encode = true
            encoding.frameRate = lower
            ops.append(FixOperation(action: .lowerFrameRate,
                                    detail: "lower the frame rate from \(Format.number(fps, decimals: 3)) to \(lower) fps to keep the whole clip",
                                    rules: [.videoFrameCount]))
        }
    }

    /// The window sent: the one an edit's plan placed, the clip less a tail
    /// of under a second, or the longest window around the section
    /// (`RetakeWindow.longest`). A clip that needs one and has no section
    /// the API takes fails.
    mutating func cutWindow() -> FixPlanError? {
        let longest = APILimits.maxWindow(frameRate: fps)
        if let sent = options.window, sent.cuts {
            cut(sent)
        } else if needsWindow, duration - longest < 1, report.effectiveSection.map({ $0.end <= longest }) ?? true {
            // Over by less than a second (505 frames at 24 fps is 21.04 s): drop the
            // last frames, wherever the section is, unless it reaches into them.
            window = TimeWindow(start: 0, duration: longest)
            let frames = max(1, video.frameCount - Int((longest * fps).rounded()))
            ops.append(FixOperation(action: .cutWindow,
                                    detail: "trim the tail past \(Format.seconds(longest)) (\(frames) frame\(frames == 1 ? "" : "s")), no section needed; by stream copy, which with B-frames stops at the reference picture before the cut, a few frames earlier",
                                    rules: [.videoDuration, .videoFrameCount]))
        } else if needsWindow || (broken(.videoFrameCount) && video.frameCount > APILimits.videoFrames.upperBound && encoding.frameRate == nil) {
            guard let section = report.effectiveSection else { return missingSection() }
            guard section.duration <= longest else {
                return .sectionTooLong(seconds: section.duration, longest: longest, frameRate: nil)
            }
            let around = RetakeWindow.longest(around: TimeWindow(start: section.start, duration: section.duration), duration: duration, frameRate: fps)
            window = around
            ops.append(FixOperation(action: .cutWindow,
                                    detail: "cut \(Format.seconds(around.duration)) from \(Format.seconds(around.start)) around the section, by stream copy from the keyframe before it when keyframes allow",
                                    rules: [.videoDuration, .videoFrameCount]))
        }
        return nil
    }

    /// A whole-video edit sends only its window, whatever the clip's length.
    private mutating func cut(_ sent: EditWindow) {
        window = sent.span
        encoding.frameRate = nil
        if sent.exact { encode = true }
        ops.removeAll { $0.action == .lowerFrameRate }
        ops.append(FixOperation(action: .cutWindow,
                                detail: "cut \(Format.seconds(sent.span.duration)) from \(Format.seconds(sent.span.start)) as the edit's plan placed it, "
                                    + (sent.exact ? "cut exactly (re-encoded)" : "by stream copy from the keyframe"),
                                rules: needsWindow ? [.videoDuration, .videoFrameCount] : []))
        if let least = sent.padTo {
            encode = true
            pad = least
            ops.append(FixOperation(action: .padFrames,
                                    detail: "pad the cut to \(least) frames by holding its last picture (the frame rate varies: the span holds fewer)",
                                    rules: [.videoFrameCount]))
        }
    }

    /// A section was given, but the API cannot take it: that is said, not that none was given.
    private func missingSection() -> FixPlanError {
        if let bad = report.findings.first(where: { $0.severity == .error && [.sectionStart, .sectionDuration].contains($0.rule) }) {
            return .needsSection("the section's \(bad.rule == .sectionStart ? "start" : "length") is \(bad.actual); required: \(bad.required)")
        }
        return .clipNeedsSection(seconds: duration, frames: video.frameCount, maxWindow: APILimits.maxWindow(frameRate: fps))
    }

    /// The window sent must have a shape the endpoint takes: padded, not stretched.
    mutating func padToCanvas() {
        guard let canvas = options.window?.canvas else { return }
        encode = true
        let w = encoding.width ?? video.codedWidth, h = encoding.height ?? video.codedHeight
        (encoding.width, encoding.height, encoding.fill) = (canvas.width, canvas.height, .black)
        ops.append(FixOperation(action: .padPicture,
                                detail: "pad \(w)x\(h) to \(canvas.width)x\(canvas.height) with black, centred (the answer is cropped back)",
                                rules: []))
    }

    /// Audio the API refuses is made AAC-LC; so is an audio-file codec in a
    /// video written anew (anything but a conformant MP4 copied as it is).
    mutating func fixAudio() {
        let m = report.media
        let badAudio = [RuleID.audioCodec, .aacProfile].filter(broken)
        if !badAudio.isEmpty, let a = m.primaryAudio {
            audio = .encode(AudioEncoding())
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode audio \(a.profile.map { "\(a.codec) \($0)" } ?? a.codec) to AAC-LC",
                                    rules: badAudio))
        }
        let rewritten = !ops.isEmpty || m.container != .mp4 || broken(.deliverySize)
        audioFileCodec = m.primaryAudio.map(\.codec).flatMap { rewritten && audio == .copy && AudioRules.rewrittenInVideo.contains($0) ? $0 : nil }
        if audioFileCodec != nil { audio = .encode(AudioEncoding()) }
    }

    /// A fix is made for the delivery asked for: "deliver by upload instead"
    /// is the check's advice, not something a fix can do, so it recompresses.
    mutating func fitDelivery() {
        guard broken(.deliverySize) else { return }
        if window != nil, !encode, let cut = ops.lastIndex(where: { $0.action == .cutWindow }) {
            // The whole file's size says nothing of a window copied from it, and a
            // copy costs little to measure: the window is checked once cut and
            // re-encoded to fit only if it breaks the limit too (`lowered`).
            ops[cut].detail += "; re-encoded to fit \(report.delivery.rawValue) only if the cut still breaks its size limit"
            ops[cut].rules.append(.deliverySize)
            return
        }
        let m = report.media
        let audioBits: Int
        switch audio {
        case .encode(let a): audioBits = a.bitRate ?? (m.primaryAudio.map { $0.channels == 1 } == true ? 64_000 : 128_000)
        case .copy: audioBits = m.primaryAudio.map { Int($0.bitRate ?? 128_000) } ?? 0
        case .drop: audioBits = 0
        }
        let rate = FixPlanner.videoBitRate(fileBytes: Delivery.fileBytes(fitting: report.sizeLimit(for: .video), mimeType: "video/mp4"),
                                           seconds: window?.duration ?? duration, audioBitRate: audioBits)
        encoding.bitRate = rate
        encode = true
        ops.append(FixOperation(action: .recompress, detail: "re-encode at \(rate / 1000) kb/s to fit \(report.delivery.rawValue)", rules: [.deliverySize]))
    }

    mutating func remuxContainer() {
        let m = report.media
        if broken(.container) && !encode && ops.allSatisfy({ $0.action == .cutWindow || $0.action == .transcodeAudio }) {
            ops.insert(FixOperation(action: .remux, detail: "remux \(m.container.displayName) to MP4 (stream copy)", rules: [.container]), at: 0)
        }
    }

    /// The plan the rules made. A file that conforms already: an MP4 is
    /// copied byte for byte, anything else rewrapped.
    mutating func plan() -> FixPlan {
        let m = report.media
        if ops.isEmpty {
            if m.container == .mp4 { return FixPlanner.unchanged(section: report.effectiveSection) }
            ops.append(FixOperation(action: .remux, detail: "remux \(m.container.displayName) to MP4 (stream copy) for the .mp4 output", rules: []))
        }
        if let codec = audioFileCodec {
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode audio \(codec) to AAC-LC for the MP4", rules: [.audioInVideo]))
        }
        return FixPlan(output: .mp4, operations: ops, video: encode ? .encode(encoding) : .copy, audio: audio,
                       window: window, section: report.effectiveSection, padVideoToFrames: pad)
    }
}
