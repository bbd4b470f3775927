import LTXContract
import LTXMedia
import LTXPreflight
import LTXSystem

/// Makes a validated request's answer: a real MP4 written here. Validation
/// happens first, so a bad request is answered before any work is queued;
/// the work itself runs when the returned closure is called (at once for v1,
/// in the background for a v2 job).
typealias Production = @Sendable () async throws(SandboxFailure) -> String

struct Producers: Sendable {
    /// The answer made by `job` from `input` (removed after), its output
    /// removed if it fails: what a retake's and an extend's answers share.
    private static func transcoding(_ job: TranscodeJob, from input: ResolvedInput) -> Production {
        { () async throws(SandboxFailure) -> String in
            defer { input.discard() }
            do throws(MediaError) { _ = try await Transcoder.run(job) } catch {
                try? LocalFiles.remove(job.output)
                throw .server(error.message)
            }
            return job.output
        }
    }

    let configuration: SandboxConfiguration
    let state: SandboxState
    let resolver: URIResolver

    /// A prompt with this word is refused as the API refuses unsafe content (422), every time.
    static let filteredWord = "FILTERED"

    static func screen(_ prompt: String?) throws(SandboxFailure) {
        if prompt?.contains(filteredWord) == true { throw SandboxFailure.fault(422, retryAfter: 0) }
    }

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

    func audioToVideo(_ body: AudioToVideoRequest) async throws(SandboxFailure) -> Production {
        try Self.screen(body.prompt)
        guard body.imageUri != nil || body.prompt != nil else { throw .invalid("prompt is required when image_uri is not provided") }
        try Self.accept(model: body.model, for: .audioToVideo)
        if let r = body.resolution, Catalogue.tier(r) == nil {
            throw .invalid("resolution must be one of \(Catalogue.tiers.flatMap { [$0.landscape, $0.portrait] }.joined(separator: ", "))")
        }
        if let fps = body.fps, !Catalogue.frameRates.contains(fps) {
            throw .invalid("fps must be one of \(Catalogue.frameRates.map(String.init).joined(separator: ", "))")
        }
        if body.lastFrameUri != nil && body.imageUri == nil { throw .invalid("last_frame_uri requires image_uri") }
        let (audio, audioReport) = try await resolver.accept(body.audioUri, field: "audio_uri", kind: .audio, CheckRequest(endpoint: .audioToVideo))
        // The longest audio depends on the model and the tier (ltx-api-2026.md §3).
        let model = body.model ?? Catalogue.defaultModel(.audioToVideo)
        let tier = Catalogue.tier(body.resolution ?? "1920x1080")?.name ?? "1080p"
        if let limit = Catalogue.audioMaxSeconds[model]?[tier], let seconds = audioReport.media.primaryAudio?.duration ?? audioReport.media.duration,
           seconds > limit + 0.001 {
            audio.discard()
            throw .invalid("audio_uri is \(seconds) s; \(model) at \(tier) takes at most \(Int(limit)) s of audio")
        }
        var image: ResolvedInput?
        var portrait = false
        if let uri = body.imageUri {
            do throws(SandboxFailure) {
                let (file, report) = try await resolver.accept(uri, field: "image_uri", kind: .image, CheckRequest(endpoint: .audioToVideo))
                image = file
                let v = report.media.primaryVideo
                portrait = (v?.displayHeight ?? 0) > (v?.displayWidth ?? 0)
            } catch {
                audio.discard()
                throw error
            }
        }
        // The asked resolution, else 1920x1080 or 1080x1920 by the image's orientation; the asked fps, else 24.
        let asked = body.resolution?.split(separator: "x").compactMap { Int($0) } ?? []
        let (width, height) = asked.count == 2 ? (asked[0], asked[1]) : portrait ? (1080, 1920) : (1920, 1080)
        let spec = PatternClipSpec(output: await resultPath(), width: width, height: height,
                                   frameRate: body.fps ?? Catalogue.defaultFPS, duration: 0, image: image?.path, sound: .file(audio.path))
        return { [image] () async throws(SandboxFailure) -> String in
            defer { audio.discard(); image?.discard() }
            return try await Self.produce(spec)
        }
    }

    /// text-to-video, and image-to-video when `imageURI` is given. `duration`
    /// nil is `"duration": null`, automatic: the 2.5 models only, not with a
    /// last frame; the sandbox then picks the cell's shortest length (the API
    /// never goes past the longest).
    func generate(imageURI: String?, lastFrameURI: String?, model: String, duration: Int?, resolution: String, fps: Int?, generateAudio: Bool?)
        async throws(SandboxFailure) -> Production {
        let fps = fps ?? Catalogue.defaultFPS
        try Self.accept(model: model, for: imageURI == nil ? .textToVideo : .imageToVideo)
        if let problem = GenerationRules.evaluate(model: model, resolution: resolution, fps: fps, duration: duration, lastFrame: lastFrameURI != nil)
            .first(where: { $0.severity == .error }) {
            throw .invalid("\(problem.actual) is not supported: \(problem.required)")
        }
        let seconds = duration ?? Catalogue.durations(model: model, resolution: resolution, fps: fps)?.min() ?? 6
        let size = resolution.split(separator: "x").compactMap { Int($0) }
        guard size.count == 2 else { throw .invalid("resolution must be WIDTHxHEIGHT") }
        var image: ResolvedInput?
        if let uri = imageURI {
            (image, _) = try await resolver.accept(uri, field: "image_uri", kind: .image, CheckRequest(endpoint: .imageToVideo))
        }
        if let uri = lastFrameURI {
            // Resolved and checked as an image like the first; the pattern does not show it.
            do throws(SandboxFailure) {
                let (last, _) = try await resolver.accept(uri, field: "last_frame_uri", kind: .image, CheckRequest(endpoint: .imageToVideo))
                last.discard()
            } catch {
                image?.discard()
                throw error
            }
        }
        let spec = PatternClipSpec(output: await resultPath(), width: size[0], height: size[1], frameRate: fps,
                                   duration: Double(seconds), image: image?.path,
                                   sound: generateAudio == false ? .none : .tone(frequency: 440))
        return { [image] () async throws(SandboxFailure) -> String in
            defer { image?.discard() }
            return try await Self.produce(spec)
        }
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

    /// `/v2/video-to-video-hdr` [§3]: a ZIP of one EXR image per frame at the
    /// input's size (`EXRFrames`), carrying the chromaticities of the
    /// `output_colorspace` asked (default ACEScg), within the frames its tier
    /// allows; beside it, as the API answers `video_url` (`Catalogue.HDR`), an
    /// HLG HEVC video made from those frames (`hdrVideo(of:)`).
    func hdr(_ body: HDRRequest) async throws(SandboxFailure) -> Production {
        let space = HDRColorSpace(rawValue: body.outputColorspace?.rawValue ?? Catalogue.HDR.defaultColorSpace) ?? .acescg
        let input = try await resolver.resolve(body.videoUri, field: "video_uri", kind: .video)
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(input.path) } catch {
            input.discard()
            throw .invalid("video_uri: \(error.message)")
        }
        guard let v = media.primaryVideo, !v.isImage else {
            input.discard()
            throw .invalid("video_uri must be a video")
        }
        guard let tier = Catalogue.HDR.tier(width: v.displayWidth, height: v.displayHeight) else {
            input.discard()
            throw .invalid("video_uri must be at most 3840x2160 (it is \(v.displayWidth)x\(v.displayHeight))")
        }
        guard v.frameCount <= tier.frames else {
            input.discard()
            throw .invalid("video_uri has \(v.frameCount) frames; at \(v.displayWidth)x\(v.displayHeight) (\(tier.name)) the most is \(tier.frames)")
        }
        let output = "\(configuration.storageDirectory)/result-\(await state.uniqueName()).zip"
        return { () async throws(SandboxFailure) -> String in
            defer { input.discard() }
            let frames: Int
            do throws(MediaError) {
                frames = try await BlockingExecutor.run { () throws(MediaError) in try EXRFrames.write(from: input.path, to: output, colorSpace: space) }
            } catch {
                try? LocalFiles.remove(output)
                throw .server(error.message)
            }
            // The HLG video is the API's convenience beside the frames: without it the job still answers its frames.
            let video = Self.hdrVideo(of: output)
            let request = HDRAssemblyRequest(input: input.path, pieces: [HDRPieceAnswer(zip: output, firstFrame: 0, frameCount: frames)],
                                             output: video, transfer: .hlg, assumedColorSpace: space)
            do throws(MediaError) {
                _ = try await BlockingExecutor.run { () throws(MediaError) in try HDRAssembly.assemble(request) }
            } catch {
                try? LocalFiles.remove(video)
            }
            return output
        }
    }

    /// Where the HLG video made beside an HDR answer's ZIP is kept.
    static func hdrVideo(of zip: String) -> String { String(zip.dropLast(4)) + ".hlg.mp4" }

    /// The catalogue's models for `endpoint`, as the API answers since
    /// 2026-08-15: a removed model is a 400 naming its replacement, and so is
    /// any model the endpoint does not take (the sandbox is the catalogue's
    /// API: it knows no model newer than it). Nil sends the endpoint's default.
    static func accept(model: String?, for endpoint: Endpoint) throws(SandboxFailure) {
        guard let model else {
            if Catalogue.entry(endpoint).modelRequired { throw .invalid("model is required") }
            return
        }
        let accepted = Catalogue.entry(endpoint).models
        if accepted.contains(model) { return }
        if let removed = Catalogue.removed(model) {
            throw .invalid("model \(model) was removed on \(removed.removed) and is no longer supported; use \(accepted.contains(removed.replacement) ? removed.replacement : Catalogue.defaultModel(endpoint))")
        }
        throw .invalid("model must be one of \(accepted.joined(separator: ", ")) for \(endpoint.rawValue)")
    }

    func resultPath() async -> String { "\(configuration.storageDirectory)/result-\(await state.uniqueName()).mp4" }

    static func produce(_ spec: PatternClipSpec) async throws(SandboxFailure) -> String {
        do throws(MediaError) {
            _ = try await BlockingExecutor.run { () throws(MediaError) in try PatternClip.write(spec) }
        } catch {
            try? LocalFiles.remove(spec.output)
            throw .server(error.message)
        }
        return spec.output
    }
}
