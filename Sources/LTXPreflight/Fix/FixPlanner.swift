import LTXContract
import LTXMedia

/// Builds a `FixPlan` from a check: pure, no I/O.
public enum FixPlanner {
    /// The plan that copies a conformant file byte for byte.
    public static func unchanged(section: RetakeSection?) -> FixPlan {
        FixPlan(output: .unchanged, operations: [], video: .copy, audio: .copy, section: section)
    }

    public static func plan(_ report: CheckReport, options: FixOptions = FixOptions()) -> Result<FixPlan, FixPlanError> {
        let unfixable = report.findings.filter { $0.severity == .error && $0.fixAction == .unfixable }
        guard unfixable.isEmpty else { return .failure(.unfixable(unfixable)) }
        switch report.input {
        case "video_uri": return planVideo(report, options)
        case "audio_uri": return planAudio(report, options)
        default: return .success(planImage(report))
        }
    }

    private static func error(_ r: CheckReport, _ rule: RuleID) -> Finding? {
        r.findings.first { $0.rule == rule && $0.severity == .error }
    }

    // MARK: retake video_uri

    private static func planVideo(_ r: CheckReport, _ options: FixOptions) -> Result<FixPlan, FixPlanError> {
        let m = r.media
        guard let v = m.primaryVideo else { return .failure(.unfixable([])) }
        let duration = v.duration ?? m.duration ?? 0
        let fps = v.frameRate ?? Double(v.frameCount) / max(duration, 0.001)
        var ops: [FixOperation] = []
        var encoding = VideoEncoding(crf: options.crf, preset: options.preset)
        var encode = false
        var window: TimeWindow?
        var pad: Int?

        if error(r, .videoCodec) != nil {
            encode = true
            ops.append(FixOperation(action: .reencodeVideo, detail: "re-encode \(v.codec) to H.264 (libx264 CRF \(options.crf), \(options.preset))",
                                    rules: [.videoCodec]))
        }
        // The displayed size is the stream's own (the probe reads the SPS, not
        // the container's header), and a plan only ever shrinks it: a header
        // claiming 65535x65535 around a small stream must not scale it up.
        if error(r, .videoResolution) != nil, let fitted = APILimits.fittedSize(width: v.displayWidth, height: v.displayHeight),
           fitted.width <= v.displayWidth, fitted.height <= v.displayHeight {
            encode = true
            // The encoder works on the coded picture; rotation is kept as metadata.
            let swapped = v.rotation == 90 || v.rotation == 270
            encoding.width = swapped ? fitted.height : fitted.width
            encoding.height = swapped ? fitted.width : fitted.height
            ops.append(FixOperation(action: .downscale, detail: "downscale \(v.displayWidth)x\(v.displayHeight) to \(fitted.width)x\(fitted.height)",
                                    rules: [.videoResolution]))
        }
        // reframe takes the whole clip (up to 60 s): no window is ever cut for it; HDR's pieces are its plan's windows.
        let needsWindow = ![.reframe, .hdr].contains(r.endpoint) && duration > APILimits.videoMaxDuration
        if error(r, .videoFrameCount) != nil {
            if v.frameCount < APILimits.videoFrames.lowerBound {
                encode = true
                pad = APILimits.videoFrames.lowerBound
                ops.append(FixOperation(action: .padFrames,
                                        detail: "pad \(v.frameCount) frames to \(pad!) by holding the last frame (\(pad! - v.frameCount) added, recorded for trimming back)",
                                        rules: [.videoFrameCount]))
            } else if !needsWindow, let lower = VideoRules.lowerFrameRate(duration: duration) {
                encode = true
                encoding.frameRate = lower
                ops.append(FixOperation(action: .lowerFrameRate,
                                        detail: "lower the frame rate from \(Format.number(fps, decimals: 3)) to \(lower) fps to keep the whole clip",
                                        rules: [.videoFrameCount]))
            }
        }
        let longest = APILimits.maxWindow(frameRate: fps)
        if let sent = options.window, sent.cuts {
            // A whole-video edit sends only its window, whatever the clip's length.
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
        } else if needsWindow, duration - longest < 1, r.effectiveSection.map({ $0.end <= longest }) ?? true {
            // Over by less than a second (505 frames at 24 fps is 21.04 s): drop the
            // last frames, wherever the section is, unless it reaches into them.
            window = TimeWindow(start: 0, duration: longest)
            let frames = max(1, v.frameCount - Int((longest * fps).rounded()))
            ops.append(FixOperation(action: .cutWindow,
                                    detail: "trim the tail past \(Format.seconds(longest)) (\(frames) frame\(frames == 1 ? "" : "s")), no section needed; by stream copy, which with B-frames stops at the reference picture before the cut, a few frames earlier",
                                    rules: [.videoDuration, .videoFrameCount]))
        } else if needsWindow || (error(r, .videoFrameCount) != nil && v.frameCount > APILimits.videoFrames.upperBound && encoding.frameRate == nil) {
            guard let section = r.effectiveSection else {
                // A section was given, but the API cannot take it: say that, not that none was given.
                if let bad = r.findings.first(where: { $0.severity == .error && [.sectionStart, .sectionDuration].contains($0.rule) }) {
                    return .failure(.needsSection("the section's \(bad.rule == .sectionStart ? "start" : "length") is \(bad.actual); required: \(bad.required)"))
                }
                return .failure(.clipNeedsSection(seconds: duration, frames: v.frameCount, maxWindow: APILimits.maxWindow(frameRate: fps)))
            }
            let length = APILimits.maxWindow(frameRate: fps)
            guard section.duration <= length else {
                return .failure(.sectionTooLong(seconds: section.duration, longest: length, frameRate: nil))
            }
            let center = section.start + section.duration / 2
            let start = min(max(0, center - length / 2), max(0, duration - length))
            window = TimeWindow(start: start, duration: length)
            ops.append(FixOperation(action: .cutWindow,
                                    detail: "cut \(Format.seconds(length)) from \(Format.seconds(start)) around the section, by stream copy from the keyframe before it when keyframes allow",
                                    rules: [.videoDuration, .videoFrameCount]))
        }

        if let canvas = options.window?.canvas {
            // The window sent must have a shape the endpoint takes: padded, not stretched.
            encode = true
            let w = encoding.width ?? v.codedWidth, h = encoding.height ?? v.codedHeight
            (encoding.width, encoding.height, encoding.fill) = (canvas.width, canvas.height, .black)
            ops.append(FixOperation(action: .padPicture,
                                    detail: "pad \(w)x\(h) to \(canvas.width)x\(canvas.height) with black, centred (the answer is cropped back)",
                                    rules: []))
        }

        var audio: StreamPlan<AudioEncoding> = .copy
        let badAudio = [RuleID.audioCodec, .aacProfile].filter { error(r, $0) != nil }
        if !badAudio.isEmpty, let a = m.primaryAudio {
            audio = .encode(AudioEncoding())
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode audio \(a.profile.map { "\(a.codec) \($0)" } ?? a.codec) to AAC-LC",
                                    rules: badAudio))
        }

        // A video written anew (anything but a conformant MP4 copied as it is)
        // carries AAC-LC, never an audio-file codec.
        let rewritten = !ops.isEmpty || m.container != .mp4 || error(r, .deliverySize) != nil
        let audioFileCodec = m.primaryAudio.map(\.codec).flatMap { rewritten && audio == .copy && AudioRules.rewrittenInVideo.contains($0) ? $0 : nil }
        if audioFileCodec != nil { audio = .encode(AudioEncoding()) }

        // A fix is made for the delivery asked for: "deliver by upload instead"
        // is the check's advice, not something a fix can do, so it recompresses.
        if error(r, .deliverySize) != nil, window != nil, !encode, let cut = ops.lastIndex(where: { $0.action == .cutWindow }) {
            // The whole file's size says nothing of a window copied from it, and a
            // copy costs little to measure: the window is checked once cut and
            // re-encoded to fit only if it breaks the limit too (`lowered`).
            ops[cut].detail += "; re-encoded to fit \(r.delivery.rawValue) only if the cut still breaks its size limit"
            ops[cut].rules.append(.deliverySize)
        } else if error(r, .deliverySize) != nil {
            let seconds = window?.duration ?? duration
            let audioBits: Int
            switch audio {
            case .encode(let a): audioBits = a.bitRate ?? (m.primaryAudio.map { $0.channels == 1 } == true ? 64_000 : 128_000)
            case .copy: audioBits = m.primaryAudio.map { Int($0.bitRate ?? 128_000) } ?? 0
            case .drop: audioBits = 0
            }
            encoding.bitRate = videoBitRate(fileBytes: Delivery.fileBytes(fitting: r.sizeLimit(for: .video), mimeType: "video/mp4"),
                                            seconds: seconds, audioBitRate: audioBits)
            encode = true
            ops.append(FixOperation(action: .recompress, detail: "re-encode at \(encoding.bitRate! / 1000) kb/s to fit \(r.delivery.rawValue)",
                                    rules: [.deliverySize]))
        }

        if error(r, .container) != nil && !encode && ops.allSatisfy({ $0.action == .cutWindow || $0.action == .transcodeAudio }) {
            ops.insert(FixOperation(action: .remux, detail: "remux \(m.container.displayName) to MP4 (stream copy)", rules: [.container]), at: 0)
        }

        if ops.isEmpty {
            // Conforms already: an MP4 is copied byte for byte, anything else rewrapped.
            if m.container == .mp4 {
                return .success(unchanged(section: r.effectiveSection))
            }
            ops.append(FixOperation(action: .remux, detail: "remux \(m.container.displayName) to MP4 (stream copy) for the .mp4 output", rules: []))
        }
        if let codec = audioFileCodec {
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode audio \(codec) to AAC-LC for the MP4", rules: [.audioInVideo]))
        }
        return .success(FixPlan(output: .mp4, operations: ops, video: encode ? .encode(encoding) : .copy, audio: audio,
                                window: window, section: r.effectiveSection, padVideoToFrames: pad))
    }

    // MARK: audio-to-video audio_uri

    private static func planAudio(_ r: CheckReport, _ options: FixOptions) -> Result<FixPlan, FixPlanError> {
        guard let a = r.media.primaryAudio else {
            return .success(FixPlan(output: .unchanged, operations: [], video: .drop, audio: .drop))
        }
        let duration = a.duration ?? r.media.duration ?? 0
        var ops: [FixOperation] = []
        var encoding = AudioEncoding()
        var window: TimeWindow?
        var encode = [RuleID.audioCodec, .aacProfile].contains { error(r, $0) != nil }
        if encode {
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode \(a.profile.map { "\(a.codec) \($0)" } ?? a.codec) to AAC-LC in M4A",
                                    rules: [.audioCodec, .aacProfile].filter { error(r, $0) != nil }))
        }
        let least = APILimits.audioDuration.lowerBound, most = max(least, options.maxAudioSeconds ?? APILimits.audioDuration.upperBound)
        if let start = options.audioStart {
            guard start.isFinite, start >= 0, duration - start >= least else {
                return .failure(.audioStartOutOfRange("an audio start of \(Format.seconds(start)) leaves \(Format.seconds(max(0, duration - start))) of the \(Format.seconds(duration)) audio; audio-to-video needs at least \(Format.seconds(least))"))
            }
        }
        let start = options.audioStart ?? 0
        if start > 0 || duration > most {
            // Cut to the sample from `start`: which part is kept is said, never silent.
            encode = true
            window = TimeWindow(start: start, duration: min(most, duration - start))
            let end = start + window!.duration
            let which = options.audioStart == nil ? " (the first \(Format.seconds(most)); --audio-start picks another part)" : ""
            ops.append(FixOperation(action: .trimAudio,
                                    detail: "keep \(Format.seconds(start)) to \(Format.seconds(end)) of the \(Format.seconds(duration)) audio\(which)",
                                    rules: duration > most ? [.audioDuration] : []))
        } else if error(r, .audioDuration) != nil, duration < least {
            encode = true
            encoding.minDuration = least
            ops.append(FixOperation(action: .trimAudio, detail: "pad with silence to \(Format.seconds(least))", rules: [.audioDuration]))
        }
        if error(r, .container) != nil && !encode {
            let lc = a.codec == "aac" && a.aacProfile == .lc
            if lc {
                ops.append(FixOperation(action: .extractAudio, detail: "extract the AAC-LC audio to M4A (stream copy)", rules: [.container]))
            } else {
                encode = true
                ops.append(FixOperation(action: .transcodeAudio, detail: "transcode \(a.codec) to AAC-LC in M4A", rules: [.container]))
            }
        }
        if error(r, .deliverySize) != nil {
            let bytes = Double(Delivery.fileBytes(fitting: r.sizeLimit(for: .audio), mimeType: "audio/mp4")) * 0.9
            encoding.bitRate = max(32_000, Int(bytes * 8 / max(window?.duration ?? duration, 0.1)))
            encode = true
            ops.append(FixOperation(action: .recompress, detail: "re-encode at \(encoding.bitRate! / 1000) kb/s", rules: [.deliverySize]))
        }
        if ops.isEmpty { return .success(FixPlan(output: .unchanged, operations: [], video: .drop, audio: .copy)) }
        return .success(FixPlan(output: .m4a, operations: ops, video: .drop, audio: encode ? .encode(encoding) : .copy, window: window))
    }

    // MARK: image_uri

    /// What an image too big to send is tried as, in order: PNG, then JPEG
    /// and WEBP (the API's other two formats) at falling quality.
    public static let imageLadder: [ImageEncoding] =
        [.png] + [2, 4, 6, 9, 13].map { ImageEncoding(.jpeg, quality: $0) } + [90, 75, 60, 45, 30].map { ImageEncoding(.webp, quality: $0) }

    private static func planImage(_ r: CheckReport) -> FixPlan {
        var ops: [FixOperation] = []
        if error(r, .imageFormat) != nil {
            ops.append(FixOperation(action: .convertImage, detail: "convert \(r.media.container.displayName) to PNG", rules: [.imageFormat]))
        }
        var ladder: [ImageEncoding]?
        if error(r, .deliverySize) != nil {
            // Full size kept; lossless first, then lossy at falling quality.
            ladder = imageLadder
            ops.append(FixOperation(action: .recompress,
                                    detail: "write the first that fits \(r.delivery.rawValue): " + ladder!.map(\.description).joined(separator: ", "),
                                    rules: [.deliverySize]))
        }
        if ops.isEmpty { return FixPlan(output: .unchanged, operations: [], video: .copy, audio: .drop) }
        return FixPlan(output: .png, operations: ops, video: .copy, audio: .drop, imageLadder: ladder)
    }
}

extension FixPlanner {
    /// The second, pure step of a windowed plan: a copied window starts on the
    /// keyframe at or before the window's start; if that keyframe is too early
    /// for the window to still hold the whole section, only an exact cut
    /// (re-encoding the window) will do. `keyframe` is that keyframe's time
    /// (nil when the file has none before it).
    public static func placeWindow(_ plan: FixPlan, keyframe: Double?, frameRate: Double?, options: FixOptions = FixOptions()) -> FixPlan {
        guard let window = plan.window, plan.video == .copy, let section = plan.section, let keyframe else { return plan }
        // A copied window may end up to a few reordered frames early.
        let margin = 8 / AssumedFrameRate.of(frameRate)
        guard keyframe + window.duration - margin < section.end else { return plan }
        var plan = plan
        plan.video = .encode(VideoEncoding(crf: options.crf, preset: options.preset))
        plan.operations.append(FixOperation(action: .reencodeVideo,
                                            detail: "re-encode the window: the keyframe before it (\(Format.seconds(keyframe))) is too early to hold the section",
                                            rules: [.videoDuration]))
        return plan
    }

    /// True when `placeWindow` needs the keyframe before the window. A whole
    /// retake's window was placed by its plan, which read the keyframe and
    /// the copy's end already (`RetakeWindow.snap`): not looked up twice.
    public static func needsKeyframe(_ plan: FixPlan, options: FixOptions = FixOptions()) -> Bool {
        plan.window != nil && plan.video == .copy && plan.section != nil && plan.window != options.window?.span
    }
}

extension FixPlanner {
    /// The errors no fix of the file can mend, so the request must change (a
    /// prompt too long, a section out of range, a file too big for its
    /// delivery). A file too big is not one when the plan cuts a window from
    /// it: the window is what is sent, and it is re-encoded to fit if it must.
    /// Nor when `deliveryCanChange` is false (Segmind takes no upload): then
    /// re-encoding to fit is the only way, and the plan does it.
    public static func requestErrors(_ report: CheckReport, options: FixOptions = FixOptions(), deliveryCanChange: Bool = true) -> [Finding] {
        let errors = report.findings.filter { $0.severity == .error && $0.fixAction == .changeRequest }
        guard errors.contains(where: { $0.rule == .deliverySize }) else { return errors }
        let cutsAWindow = { if case .success(let plan) = plan(report, options: options) { plan.window != nil } else { false } }
        return !deliveryCanChange || cutsAWindow() ? errors.filter { $0.rule != .deliverySize } : errors
    }
}

extension FixPlanner {
    /// The video bit rate that fills 90% of `fileBytes` over `seconds`, less
    /// the audio's share: the margin covers the container and the encoder's
    /// overshoot of an average rate.
    public static func videoBitRate(fileBytes: Int64, seconds: Double, audioBitRate: Int) -> Int {
        let bits = Double(fileBytes) * 0.9 * 8 / max(seconds, 0.1)
        return max(50_000, Int(bits) - audioBitRate)
    }

    /// The same plan at a lower bit rate, after `written` (its output)
    /// still broke the size limit: the rate is scaled by how far the
    /// encoder missed, with a further 10% off. A window written without a
    /// bit rate (copied, or at a CRF) is re-encoded at the rate that fits
    /// it, with `options`' encoder settings. Nil when there is nothing to
    /// lower: a plan without a window that sets no bit rate.
    public static func lowered(_ plan: FixPlan, written: CheckReport, options: FixOptions = FixOptions()) -> FixPlan? {
        guard written.findings.contains(where: { $0.rule == .deliverySize && $0.severity == .error }) else { return nil }
        let m = written.media
        let seconds = max(m.primaryVideo?.duration ?? m.duration ?? 0, 0.1)
        var plan = plan
        let audioBits = m.primaryAudio.map { Int($0.bitRate ?? 128_000) } ?? 0
        let fits = videoBitRate(fileBytes: Delivery.fileBytes(fitting: written.sizeLimit(for: .video), mimeType: "video/mp4"),
                                seconds: seconds, audioBitRate: audioBits)
        let unrated: VideoEncoding?
        switch plan.video {
        case .copy: unrated = VideoEncoding(crf: options.crf, preset: options.preset)
        case .encode(let v) where v.bitRate == nil: unrated = v
        default: unrated = nil
        }
        if plan.window != nil, plan.output == .mp4, var v = unrated {
            // A window's size is known only once it is cut: the rate is the one that
            // fits the length cut; its size, frame rate and frames stay as they were.
            v.bitRate = fits
            plan.video = .encode(v)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode the window at \(v.bitRate! / 1000) kb/s to fit \(written.delivery.rawValue): as cut it made \(m.sizeBytes) bytes",
                                                rules: [.deliverySize]))
            return plan
        }
        switch (plan.video, plan.audio) {
        case (.encode(var v), _):
            guard let rate = v.bitRate else { return nil }
            let achieved = max(1, Int(Double(m.sizeBytes) * 8 / seconds) - audioBits)
            v.bitRate = max(50_000, min(rate * 8 / 10, Int(Double(rate) * Double(fits) / Double(achieved) * 0.9)))
            plan.video = .encode(v)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode at \(v.bitRate! / 1000) kb/s: \(rate / 1000) kb/s made \(m.sizeBytes) bytes, over the limit",
                                                rules: [.deliverySize]))
        case (.drop, .encode(var a)):
            guard let rate = a.bitRate else { return nil }
            let fits = Double(Delivery.fileBytes(fitting: written.sizeLimit(for: .audio), mimeType: "audio/mp4")) * 0.9
            a.bitRate = max(32_000, min(rate * 8 / 10, Int(Double(rate) * fits / Double(max(m.sizeBytes, 1)))))
            plan.audio = .encode(a)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode at \(a.bitRate! / 1000) kb/s: \(rate / 1000) kb/s made \(m.sizeBytes) bytes, over the limit",
                                                rules: [.deliverySize]))
        default:
            return nil
        }
        return plan
    }
}
