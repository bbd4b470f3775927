import LTXContract
import LTXMedia
import LTXPreflight

/// The answers to generations from nothing but a prompt, an image or a
/// sound: a pattern clip at the asked size, rate and length.
extension Producers {
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
}
