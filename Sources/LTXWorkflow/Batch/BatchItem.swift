import LTXClient
import LTXContract
import LTXPreflight

/// One line of a batch manifest (JSON Lines): the fields of the matching
/// command, e.g. `{"command": "retake", "input": "a.mov", "start": 12,
/// "duration": 4, "prompt": "...", "output": "out/a.mp4"}`.
public struct BatchItem: Sendable, Codable, Equatable {
    public var command: String
    public var input: String?
    public var image: String?
    public var output: String
    public var start: Double?
    public var duration: Double?
    public var prompt: String?
    public var mode: String?
    public var model: String?
    public var resolution: String?
    public var fps: Int?
    public var deliver: String?
    public var provider: String?

    public init(command: String, input: String? = nil, image: String? = nil, output: String, start: Double? = nil, duration: Double? = nil,
                prompt: String? = nil, mode: String? = nil, model: String? = nil, resolution: String? = nil, fps: Int? = nil,
                deliver: String? = nil, provider: String? = nil) {
        self.command = command
        self.input = input
        self.image = image
        self.output = output
        self.start = start
        self.duration = duration
        self.prompt = prompt
        self.mode = mode
        self.model = model
        self.resolution = resolution
        self.fps = fps
        self.deliver = deliver
        self.provider = provider
    }

    /// The job this line describes, or why it cannot be one.
    public func job() throws(WorkflowError) -> GenerationJob {
        let delivery: Delivery? = try deliver.map { (d: String) throws(WorkflowError) -> Delivery in
            guard let value = Delivery(rawValue: d) else { throw .unusable("deliver must be upload, url or data-uri") }
            return value
        }
        let provider = Provider(rawValue: self.provider ?? "ltx") ?? .ltx
        switch command {
        case "retake":
            guard let input, let start, let duration else { throw .unusable("retake needs input, start and duration") }
            guard start.isFinite, duration.isFinite else { throw .unusable("start and duration must be numbers") }
            let mode = try self.mode.map { (m: String) throws(WorkflowError) -> RetakeMode in
                guard let value = RetakeMode(rawValue: m) else { throw .unusable("mode must be replace_audio, replace_video or replace_audio_and_video") }
                return value
            }
            return .retake(input: input, section: RetakeSection(start: start, duration: duration), prompt: prompt, mode: mode, model: model,
                           provider: provider, delivery: delivery, output: output)
        case "text-to-video", "image-to-video":
            guard let prompt, let duration, duration == duration.rounded() else { throw .unusable("\(command) needs prompt and a whole duration") }
            let spec = VideoSpec(prompt: prompt, model: model ?? "ltx-2-fast", duration: Int(duration), resolution: resolution ?? "1920x1080", fps: fps)
            try spec.validate()
            if command == "text-to-video" { return .textToVideo(spec.textToVideo, output: output) }
            guard let image = image ?? input else { throw .unusable("image-to-video needs image") }
            return .imageToVideo(image: image, spec.imageToVideo, delivery: delivery ?? .upload, output: output)
        case "audio-to-video":
            guard let input else { throw .unusable("audio-to-video needs input (the audio)") }
            guard image != nil || prompt != nil else { throw .unusable("audio-to-video needs prompt, image or both") }
            return .audioToVideo(audio: input, image: image, prompt: prompt, delivery: delivery ?? .upload, output: output)
        default:
            throw .unusable("command must be retake, text-to-video, image-to-video or audio-to-video, not \(command)")
        }
    }

    /// The files this item reads, for output-is-input checks.
    public var inputs: [String] { [input, image].compactMap { $0 } }
}
