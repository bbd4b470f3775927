import LTXClient
import LTXContract
import LTXPreflight

/// What text- and image-to-video are asked to make, checked against the
/// documented model matrix before anything is sent.
public struct VideoSpec: Sendable, Equatable {
    public var prompt: String
    public var model: String
    /// Whole seconds.
    public var duration: Int
    public var resolution: String
    /// Nil: the API's default (25).
    public var fps: Int?
    public var cameraMotion: CameraMotion?
    /// False asks for silent video.
    public var audio: Bool

    public init(prompt: String, model: String = "ltx-2-fast", duration: Int, resolution: String = "1920x1080", fps: Int? = nil,
                cameraMotion: CameraMotion? = nil, audio: Bool = true) {
        self.prompt = prompt
        self.model = model
        self.duration = duration
        self.resolution = resolution
        self.fps = fps
        self.cameraMotion = cameraMotion
        self.audio = audio
    }

    /// Refuses a model x resolution x fps x duration the docs do not offer
    /// (a model outside the matrix only warns: newer models exist).
    public func validate() throws(WorkflowError) {
        if let bad = GenerationRules.evaluate(model: model, resolution: resolution, fps: fps ?? 25, duration: duration)
            .first(where: { $0.severity == .error }) {
            throw .unusable("\(bad.actual) is not offered: \(bad.required)")
        }
    }

    public var textToVideo: TextToVideoRequest {
        TextToVideoRequest(prompt: prompt, model: model, duration: duration, fps: fps, resolution: resolution,
                           generateAudio: audio ? nil : false, cameraMotion: cameraMotion)
    }

    /// The image's URI is filled in when it is delivered.
    public var imageToVideo: ImageToVideoRequest {
        ImageToVideoRequest(imageUri: "", prompt: prompt, model: model, duration: duration, fps: fps, resolution: resolution,
                            generateAudio: audio ? nil : false, cameraMotion: cameraMotion)
    }
}
