import LTXClient
import LTXContract
import LTXPreflight

/// A request's own parameters checked against the catalogue before anything
/// is checked, fixed, uploaded or paid: what a removed model, a model the
/// endpoint does not take, a cell outside the matrix or a long prompt would
/// otherwise cost a round trip (and, for a file, an upload) to learn.
public enum RequestCheck {
    /// Every finding for `request` (LTX's endpoints; Segmind's retake takes no model).
    public static func findings(_ request: GenerationRequest) -> [Finding] {
        switch request {
        case .segmindRetake(let b):
            return b.prompt.map { [GenerationRules.prompt($0)] } ?? []
        case .retake(let b):
            return [GenerationRules.model(b.model ?? Catalogue.defaultModel(.retake), for: .retake)] + (b.prompt.map { [GenerationRules.prompt($0)] } ?? [])
        case .audioToVideo(let b):
            return [GenerationRules.model(b.model ?? Catalogue.defaultModel(.audioToVideo), for: .audioToVideo)]
                + (b.prompt.map { [GenerationRules.prompt($0)] } ?? [])
        case .extend(let b):
            return [GenerationRules.model(b.model ?? Catalogue.defaultModel(.extend), for: .extend)] + (b.prompt.map { [GenerationRules.prompt($0)] } ?? [])
        case .reframe, .hdr:
            return []
        case .textToVideo(let b):
            return GenerationRules.evaluate(model: b.model, resolution: b.resolution, fps: b.fps ?? Catalogue.defaultFPS, duration: b.duration,
                                            endpoint: .textToVideo) + [GenerationRules.prompt(b.prompt)]
        case .imageToVideo(let b):
            return GenerationRules.evaluate(model: b.model, resolution: b.resolution, fps: b.fps ?? Catalogue.defaultFPS, duration: b.duration,
                                            lastFrame: b.lastFrameUri != nil, endpoint: .imageToVideo) + [GenerationRules.prompt(b.prompt)]
        }
    }

    /// The one line that refuses `request`, or nil when it may be sent. A
    /// removed model gets the catalogue's line: "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro".
    public static func refusal(_ request: GenerationRequest) -> String? {
        let model: String? = switch request {
        case .retake(let b): b.model
        case .audioToVideo(let b): b.model
        case .textToVideo(let b): b.model
        case .imageToVideo(let b): b.model
        case .extend(let b): b.model
        case .segmindRetake, .reframe, .hdr: nil
        }
        if let model, let line = GenerationRules.modelRefusal(model, for: request.endpoint) { return line }
        return GenerationRules.refusal(findings(request))
    }

    /// The same for text/image-to-video's parameters alone.
    public static func refusal(endpoint: Endpoint, model: String, resolution: String, fps: Int?, duration: Int?, prompt: String) -> String? {
        if let line = GenerationRules.modelRefusal(model, for: endpoint) { return line }
        return GenerationRules.refusal(GenerationRules.evaluate(model: model, resolution: resolution, fps: fps ?? Catalogue.defaultFPS,
                                                                duration: duration, endpoint: endpoint) + [GenerationRules.prompt(prompt)])
    }
}
