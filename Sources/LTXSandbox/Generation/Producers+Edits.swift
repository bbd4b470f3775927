import LTXContract
import LTXMedia
import LTXPreflight

/// The answers to edits of a video: retake, extend and reframe, each the
/// input transcoded with its change made visible.
extension Producers {
    func retake(uri: String, start: Double, duration: Double, prompt: String?, mode: RetakeMode?, model: String?, resolution: String? = nil,
                segmind: Bool) async throws(SandboxFailure) -> Production {
        try Self.screen(prompt)
        guard duration >= APILimits.sectionMinDuration else { throw .invalid("duration must be at least 2 seconds") }
        if !segmind { try Self.accept(model: model, for: .retake) }
        if segmind && uri.hasPrefix("ltx://") { throw .invalid("video_uri must be an https URL or a data URI") }
        let retakeMode = mode ?? .replaceAudioAndVideo
        let section = RetakeSection(start: start, duration: duration)
        let (input, report) = try await resolver.accept(uri, field: "video_uri", kind: .video,
                                                        CheckRequest(endpoint: .retake, section: section, prompt: prompt))
        let effective = report.effectiveSection ?? section
        let output = await resultPath()
        // NOTES.md: the API answers 1920x1080 or 1080x1920 by orientation, upright, whatever the input's size;
        // the asked `resolution` when there is one.
        let v = report.media.primaryVideo
        let portrait = resolution.map { $0 == "1080x1920" } ?? ((v?.displayHeight ?? 0) > (v?.displayWidth ?? 0))
        let answer = VideoEncoding(crf: 28, preset: "ultrafast", width: portrait ? 1080 : 1920, height: portrait ? 1920 : 1080, upright: true)
        let sent = v?.duration ?? report.media.duration ?? 0
        let short = configuration.shortAnswerSeconds > 0 ? TimeWindow(start: 0, duration: max(0.1, sent - configuration.shortAnswerSeconds)) : nil
        let job = TranscodeJob(input: input.path, output: output, window: short, video: .encode(answer),
                               audio: report.media.primaryAudio != nil ? .encode(AudioEncoding()) : .drop,
                               effect: SectionEffect(start: effective.start, duration: effective.duration,
                                                     invertPicture: retakeMode != .replaceAudio,
                                                     toneFrequency: retakeMode != .replaceVideo ? 880 : nil))
        return Self.transcoding(job, from: input)
    }

    /// `/v2/extend` (ltx-api-2026.md §3): the input at its own resolution and
    /// rate with `duration` seconds added at its end (or, `mode: start`, before
    /// its start), shown as the last (first) picture held in colour negative,
    /// with a 660 Hz tone where it has sound, so a client sees where the
    /// extension is. Only 16:9 and 9:16 inputs are taken, as the API takes.
    func extend(_ body: Components.Schemas.ExtendRequest) async throws(SandboxFailure) -> Production {
        try Self.screen(body.prompt)
        if let model = body.model, model != "ltx-2-3-pro" {
            if let removed = Catalogue.removed(model) {
                throw .invalid("model \(model) was removed on \(removed.removed) and is no longer supported; use ltx-2-3-pro")
            }
            throw .invalid("model must be ltx-2-3-pro for extend")
        }
        guard (2.0...20.0).contains(body.duration) else { throw .invalid("duration must be 2 to 20 seconds") }
        if let context = body.context, !(0...20).contains(context) { throw .invalid("context must be at most 20 seconds") }
        let input = try await resolver.resolve(body.videoUri, field: "video_uri", kind: .video)
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(input.path) } catch {
            input.discard()
            throw .invalid("video_uri: \(error.message)")
        }
        guard let v = media.primaryVideo, !v.isImage, let fps = v.frameRate, fps > 0 else {
            input.discard()
            throw .invalid("video_uri must be a video")
        }
        let seconds = v.duration ?? media.duration ?? 0
        if Canvas.padding(width: v.displayWidth, height: v.displayHeight, to: Catalogue.Extend.aspects) != nil {
            input.discard()
            throw .invalid("video_uri must be 16:9 or 9:16 (it is \(v.displayWidth)x\(v.displayHeight))")
        }
        guard v.frameCount >= 73 else {
            input.discard()
            throw .invalid("video_uri must have at least 73 frames (it has \(v.frameCount))")
        }
        let added = Int((body.duration * fps).rounded())
        if let context = body.context, Int((context * fps).rounded()) + added > 505 {
            input.discard()
            throw .invalid("context + duration must be at most 505 frames at the input's \(fps) fps")
        }
        let output = await resultPath()
        let hasSound = media.primaryAudio != nil
        let atStart = body.mode == .start
        let addedSeconds = Double(added) / fps
        let job = TranscodeJob(input: input.path, output: output,
                               video: .encode(VideoEncoding(crf: 28, preset: "ultrafast", width: v.displayWidth, height: v.displayHeight, upright: true)),
                               audio: hasSound ? .encode(AudioEncoding(minDuration: seconds + addedSeconds, leadSilence: atStart ? addedSeconds : nil)) : .drop,
                               padVideoToFrames: v.frameCount + added, leadFrames: atStart ? added : nil,
                               effect: SectionEffect(start: atStart ? 0 : seconds, duration: addedSeconds, invertPicture: true,
                                                     toneFrequency: hasSound ? 660 : nil))
        return Self.transcoding(job, from: input)
    }

    /// `/v2/video-to-video-reframe` (ltx-api-2026.md §3): the whole input at
    /// the asked size, every frame at its own time (same count, same rate),
    /// the picture scaled to fit inside (aspect kept) and centred, the area
    /// the model would outpaint filled with a flat green; AAC sound where
    /// the input has sound. `model` is ignored, as the API ignores it. The
    /// input is held to reframe's limits: 60 s, 1800 frames, 200 MB.
    func reframe(_ body: ReframeRequest) async throws(SandboxFailure) -> Production {
        let size = body.resolution.rawValue.split(separator: "x").compactMap { Int($0) }
        guard size.count == 2 else { throw .invalid(Self.reframeSizes) }
        let (input, report) = try await resolver.accept(body.videoUri, field: "video_uri", kind: .video, CheckRequest(endpoint: .reframe))
        guard report.media.sizeBytes <= Catalogue.Reframe.maxBytes else {
            input.discard()
            throw .invalid("video_uri is \(report.media.sizeBytes) bytes; reframe takes at most \(Catalogue.Reframe.maxBytes) bytes (200 MB)")
        }
        let output = await resultPath()
        let answer = VideoEncoding(crf: 28, preset: "ultrafast", width: size[0], height: size[1], constantFrameRate: false, upright: true,
                                   fill: .green)
        let job = TranscodeJob(input: input.path, output: output, video: .encode(answer),
                               audio: report.media.primaryAudio != nil ? .encode(AudioEncoding()) : .drop,
                               expectedFrames: report.media.primaryVideo?.frameCount)
        return Self.transcoding(job, from: input)
    }

    /// The 400 for a resolution reframe does not offer: every size, by aspect.
    static let reframeSizes = "resolution must be one of " + Catalogue.Reframe.sizes.map { "\($0.sizes.joined(separator: ", ")) (\($0.aspect))" }
        .joined(separator: ", ")
}
