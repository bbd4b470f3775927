/// The documented request bodies, field for field.
public struct RetakeBody: Sendable, Encodable, Equatable {
    public var videoURI: String
    public var startTime: Double
    public var duration: Double
    public var prompt: String?
    public var mode: String?
    public var model: String?

    public init(videoURI: String, startTime: Double, duration: Double, prompt: String? = nil, mode: String? = nil, model: String? = nil) {
        self.videoURI = videoURI
        self.startTime = startTime
        self.duration = duration
        self.prompt = prompt
        self.mode = mode
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case videoURI = "video_uri", startTime = "start_time", duration, prompt, mode, model
    }
}

public struct AudioToVideoBody: Sendable, Encodable, Equatable {
    public var audioURI: String
    public var imageURI: String?
    public var prompt: String?
    public var resolution: String?
    public var model: String?

    public init(audioURI: String, imageURI: String? = nil, prompt: String? = nil, resolution: String? = nil, model: String? = nil) {
        self.audioURI = audioURI
        self.imageURI = imageURI
        self.prompt = prompt
        self.resolution = resolution
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case audioURI = "audio_uri", imageURI = "image_uri", prompt, resolution, model
    }
}

/// text-to-video, and image-to-video when `imageURI` is set.
public struct GenerationBody: Sendable, Encodable, Equatable {
    public var imageURI: String?
    public var prompt: String
    public var model: String
    public var duration: Int
    public var resolution: String
    public var fps: Int?
    public var generateAudio: Bool?
    public var cameraMotion: String?

    public init(imageURI: String? = nil, prompt: String, model: String, duration: Int, resolution: String, fps: Int? = nil,
                generateAudio: Bool? = nil, cameraMotion: String? = nil) {
        self.imageURI = imageURI
        self.prompt = prompt
        self.model = model
        self.duration = duration
        self.resolution = resolution
        self.fps = fps
        self.generateAudio = generateAudio
        self.cameraMotion = cameraMotion
    }

    enum CodingKeys: String, CodingKey {
        case imageURI = "image_uri", prompt, model, duration, resolution, fps
        case generateAudio = "generate_audio", cameraMotion = "camera_motion"
    }
}

/// `POST /v1/upload`'s answer.
public struct UploadTicket: Sendable, Codable, Equatable {
    public var uploadURL: String
    public var storageURI: String
    public var expiresAt: String
    public var requiredHeaders: [String: String]

    public init(uploadURL: String, storageURI: String, expiresAt: String, requiredHeaders: [String: String]) {
        self.uploadURL = uploadURL
        self.storageURI = storageURI
        self.expiresAt = expiresAt
        self.requiredHeaders = requiredHeaders
    }

    enum CodingKeys: String, CodingKey {
        case uploadURL = "upload_url", storageURI = "storage_uri", expiresAt = "expires_at", requiredHeaders = "required_headers"
    }
}

public enum CameraMotion: String, Sendable, CaseIterable {
    case dollyIn = "dolly_in", dollyOut = "dolly_out", dollyLeft = "dolly_left", dollyRight = "dolly_right"
    case jibUp = "jib_up", jibDown = "jib_down", staticShot = "static", focusShift = "focus_shift"
}
