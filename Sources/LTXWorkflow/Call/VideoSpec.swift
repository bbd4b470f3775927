import LTXClient
import LTXContract
import LTXPreflight

/// What text- and image-to-video are asked to make, checked against the
/// catalogue's model matrix before anything is sent.
public struct VideoSpec: Sendable, Equatable {
    public var prompt: String
    public var model: String
    /// Whole seconds; nil is automatic (`"duration": null`, the 2.5 models).
    public var duration: Int?
    public var resolution: String
    /// Nil: the API's default (`Catalogue.defaultFPS`, 24).
    public var fps: Int?
    public var cameraMotion: CameraMotion?
    /// False asks for silent video.
    public var audio: Bool

    public init(prompt: String, model: String = Catalogue.defaultGenerationModel, duration: Int?, resolution: String = "1920x1080", fps: Int? = nil,
                cameraMotion: CameraMotion? = nil, audio: Bool = true) {
        self.prompt = prompt
        self.model = model
        self.duration = duration
        self.resolution = resolution
        self.fps = fps
        self.cameraMotion = cameraMotion
        self.audio = audio
    }

    /// Refuses a model x resolution x fps x duration the catalogue does not
    /// offer, and a removed model by the catalogue's own line (a model the
    /// catalogue does not know only warns: it may be newer than the catalogue).
    public func validate(for endpoint: Endpoint = .textToVideo) throws(WorkflowError) {
        if let line = RequestCheck.refusal(endpoint: endpoint, model: model, resolution: resolution, fps: fps, duration: duration,
                                           prompt: prompt) {
            throw .modelRefused(line)
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
