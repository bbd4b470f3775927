import LTXClient
import LTXContract
import LTXMedia
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
    /// `"duration": "auto"`: a text/image-to-video line asks for an automatic
    /// length (the 2.5 models), as `--duration auto` does.
    public var automaticDuration = false
    public var prompt: String?
    public var mode: String?
    public var model: String?
    public var resolution: String?
    public var fps: Int?
    public var deliver: String?
    public var provider: String?
    /// A retake line gives the whole video back, as `ltx-prep retake` does;
    /// `"window_only": true` writes the API's answer for the window as it came.
    public var windowOnly: Bool?
    /// An extend line: `"end"` (the default) or `"start"`, and the seconds of context sent.
    public var at: String?
    public var context: Double?
    /// A reframe line's aspect (`"9:16"`...), its 1080 size unless `resolution` names the other.
    public var to: String?
    /// An hdr line: `"pq"` (the default) or `"hlg"`, the folder the EXR frames are also kept in,
    /// the frames neighbouring pieces share, and the EXR's `output_colorspace`.
    public var transfer: String?
    public var exr: String?
    public var overlap: Int?
    public var colorspace: String?

    enum CodingKeys: String, CodingKey {
        case command, input, image, output, start, duration, prompt, mode, model, resolution, fps, deliver, provider, at, context, to
        case transfer, exr, overlap, colorspace
        case windowOnly = "window_only"
    }

    public init(command: String, input: String? = nil, image: String? = nil, output: String, start: Double? = nil, duration: Double? = nil,
                prompt: String? = nil, mode: String? = nil, model: String? = nil, resolution: String? = nil, fps: Int? = nil,
                deliver: String? = nil, provider: String? = nil, windowOnly: Bool? = nil, at: String? = nil, context: Double? = nil,
                to: String? = nil) {
        self.at = at
        self.context = context
        self.to = to
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
        self.windowOnly = windowOnly
    }

    /// Each field as `CodingKeys` names it; `duration` is a number or `"auto"`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decode(String.self, forKey: .command)
        output = try c.decode(String.self, forKey: .output)
        input = try c.decodeIfPresent(String.self, forKey: .input)
        image = try c.decodeIfPresent(String.self, forKey: .image)
        start = try c.decodeIfPresent(Double.self, forKey: .start)
        if let text = try? c.decodeIfPresent(String.self, forKey: .duration) {
            guard text == "auto" else {
                throw DecodingError.dataCorruptedError(forKey: .duration, in: c, debugDescription: "duration is a number of seconds or \"auto\", not \"\(text)\"")
            }
            automaticDuration = true
        } else {
            duration = try c.decodeIfPresent(Double.self, forKey: .duration)
        }
        prompt = try c.decodeIfPresent(String.self, forKey: .prompt)
        mode = try c.decodeIfPresent(String.self, forKey: .mode)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        resolution = try c.decodeIfPresent(String.self, forKey: .resolution)
        fps = try c.decodeIfPresent(Int.self, forKey: .fps)
        deliver = try c.decodeIfPresent(String.self, forKey: .deliver)
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        windowOnly = try c.decodeIfPresent(Bool.self, forKey: .windowOnly)
        at = try c.decodeIfPresent(String.self, forKey: .at)
        context = try c.decodeIfPresent(Double.self, forKey: .context)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        transfer = try c.decodeIfPresent(String.self, forKey: .transfer)
        exr = try c.decodeIfPresent(String.self, forKey: .exr)
        overlap = try c.decodeIfPresent(Int.self, forKey: .overlap)
        colorspace = try c.decodeIfPresent(String.self, forKey: .colorspace)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try c.encode(output, forKey: .output)
        try c.encodeIfPresent(input, forKey: .input)
        try c.encodeIfPresent(image, forKey: .image)
        try c.encodeIfPresent(start, forKey: .start)
        if automaticDuration { try c.encode("auto", forKey: .duration) } else { try c.encodeIfPresent(duration, forKey: .duration) }
        try c.encodeIfPresent(prompt, forKey: .prompt)
        try c.encodeIfPresent(mode, forKey: .mode)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(resolution, forKey: .resolution)
        try c.encodeIfPresent(fps, forKey: .fps)
        try c.encodeIfPresent(deliver, forKey: .deliver)
        try c.encodeIfPresent(provider, forKey: .provider)
        try c.encodeIfPresent(windowOnly, forKey: .windowOnly)
        try c.encodeIfPresent(at, forKey: .at)
        try c.encodeIfPresent(context, forKey: .context)
        try c.encodeIfPresent(to, forKey: .to)
        try c.encodeIfPresent(transfer, forKey: .transfer)
        try c.encodeIfPresent(exr, forKey: .exr)
        try c.encodeIfPresent(overlap, forKey: .overlap)
        try c.encodeIfPresent(colorspace, forKey: .colorspace)
    }

    /// What this line runs: a whole-video retake (a retake line; with
    /// `window_only`, its window alone), else one call; or why it cannot be run.
    public func work() throws(WorkflowError) -> BatchWork {
        if command == "extend" {
            guard let input, let duration, duration.isFinite else { throw .badManifestItem("extend needs input and duration") }
            guard let edge = ExtendCall.Edge(rawValue: at ?? "end") else { throw .badManifestItem("at must be end or start") }
            if let context, !context.isFinite { throw .badManifestItem("context must be a number") }
            return .wholeExtend(WholeExtendRequest(input: input, duration: duration, edge: edge, context: context, prompt: prompt, model: model,
                                                   delivery: try delivery(), output: output, windowOnly: windowOnly == true))
        }
        if Self.reframeCommands.contains(command) { return .reframe(try reframeJob()) }
        if Self.hdrCommands.contains(command) { return .hdr(try hdrJob()) }
        guard command == "retake" else { return .call(try job()) }
        let (section, delivery, provider, mode) = try retakeFields()
        let request = WholeRetakeRequest(input: input ?? "", sections: [TimeWindow(start: section.start, duration: section.duration)],
                                         prompt: prompt, mode: mode, model: model, provider: provider, delivery: delivery, output: output)
        return windowOnly == true ? .windowOnlyRetake(request) : .wholeRetake(request)
    }

    private func retakeFields() throws(WorkflowError) -> (RetakeSection, Delivery?, Provider, RetakeMode?) {
        guard input != nil, let start, let duration else { throw .badManifestItem("retake needs input, start and duration") }
        guard SectionRange.start.contains(start), SectionRange.duration.contains(duration) else {
            func range(_ r: ClosedRange<Double>) -> String { "from \(Format.number(r.lowerBound, decimals: 3)) to \(Format.number(r.upperBound, decimals: 3))" }
            throw .badManifestItem("start must be \(range(SectionRange.start)) seconds and duration \(range(SectionRange.duration)) seconds")
        }
        let mode = try self.mode.map { (m: String) throws(WorkflowError) -> RetakeMode in
            guard let value = RetakeMode(rawValue: m) else { throw .badManifestItem("mode must be replace_audio, replace_video or replace_audio_and_video") }
            return value
        }
        return (RetakeSection(start: start, duration: duration), try delivery(), Provider(rawValue: self.provider ?? "ltx") ?? .ltx, mode)
    }

    private func delivery() throws(WorkflowError) -> Delivery? {
        try deliver.map { (d: String) throws(WorkflowError) -> Delivery in
            guard let value = Delivery(rawValue: d) else { throw .badManifestItem("deliver must be upload, url or data-uri") }
            return value
        }
    }

    /// `reframe` (or the endpoint's name, `video-to-video-reframe`).
    static let reframeCommands: Set<String> = ["reframe", Endpoint.reframe.rawValue]

    /// A reframe line: `input`, `output`, and `to` (the aspect), `resolution` or both.
    public func reframeJob() throws(WorkflowError) -> ReframeJob {
        guard let input else { throw .badManifestItem("reframe needs input (the video)") }
        if let why = ReframeJob.refusal(resolution: resolution, aspect: to) {
            throw .badManifestItem(why.description)
        }
        let delivery = try delivery() ?? .upload
        if delivery == .dataURI { throw .badManifestItem("reframe takes an upload or an https URL, not a data URI") }
        return ReframeJob(input: input, resolution: resolution ?? to.flatMap(ReframeJob.defaultResolution(aspect:)) ?? "", delivery: delivery,
                          output: output)
    }

    /// `hdr` (or the endpoint's name, `video-to-video-hdr`).
    static let hdrCommands: Set<String> = ["hdr", Endpoint.hdr.rawValue]

    /// An hdr line: `input`, `output`, and optionally `transfer`, `exr`, `overlap`, `colorspace`, `deliver`.
    public func hdrJob() throws(WorkflowError) -> HDRJob {
        guard let input else { throw .badManifestItem("hdr needs input (the video)") }
        guard let transfer = HDRTransfer(rawValue: self.transfer ?? HDRTransfer.pq.rawValue) else {
            throw .badManifestItem("transfer must be pq or hlg")
        }
        if let colorspace, !Catalogue.HDR.colorSpaces.contains(colorspace) {
            throw .badManifestItem("colorspace must be \(Catalogue.HDR.colorSpaces.joined(separator: ", "))")
        }
        if let overlap, overlap < 0 { throw .badManifestItem("overlap must be 0 or more frames") }
        let delivery = try delivery() ?? .upload
        if delivery != .upload { throw .badManifestItem("hdr sends pieces cut from the input: deliver upload") }
        return HDRJob(input: input, output: output, transfer: transfer, exrDirectory: exr, overlap: overlap ?? 0, colorSpace: colorspace,
                      delivery: delivery)
    }

    /// The one call this line describes (a retake line's raw window), or why it cannot be one.
    public func job() throws(WorkflowError) -> GenerationJob {
        let delivery = try delivery()
        switch command {
        case "retake":
            let (section, delivery, provider, mode) = try retakeFields()
            return .retake(input: input ?? "", section: section, prompt: prompt, mode: mode, model: model, provider: provider, delivery: delivery,
                           output: output)
        case "text-to-video", "image-to-video":
            guard let prompt, automaticDuration || duration.map({ $0.isFinite && $0 == $0.rounded() }) == true else {
                throw .badManifestItem("\(command) needs prompt and a whole duration (or \"auto\")")
            }
            let spec = VideoSpec(prompt: prompt, model: model ?? Catalogue.defaultGenerationModel, duration: automaticDuration ? nil : duration.map { Int($0) },
                                 resolution: resolution ?? "1920x1080", fps: fps)
            try spec.validate(for: command == "text-to-video" ? .textToVideo : .imageToVideo)
            if command == "text-to-video" { return .textToVideo(spec.textToVideo, output: output) }
            guard let image = image ?? input else { throw .badManifestItem("image-to-video needs image") }
            return .imageToVideo(image: image, spec.imageToVideo, delivery: delivery ?? .upload, output: output)
        case "audio-to-video":
            guard let input else { throw .badManifestItem("audio-to-video needs input (the audio)") }
            guard image != nil || prompt != nil else { throw .badManifestItem("audio-to-video needs prompt, image or both") }
            return .audioToVideo(audio: input, image: image, prompt: prompt, delivery: delivery ?? .upload, output: output)
        case _ where Self.reframeCommands.contains(command):
            let job = try reframeJob()
            guard let size = ReframeSize(rawValue: job.resolution) else { throw .reframeRefused(.sizeNotOffered(job.resolution)) }
            return .reframe(input: job.input, resolution: size, delivery: job.delivery, output: output)
        default:
            throw .badManifestItem("command must be retake, extend, reframe, hdr, text-to-video, image-to-video or audio-to-video, not \(command)")
        }
    }

    /// The files this item reads, for output-is-input checks.
    public var inputs: [String] { [input, image].compactMap { $0 } }
}

/// What one manifest line runs.
public enum BatchWork: Sendable {
    /// The whole video back, only the section changed (`ltx-prep retake`).
    case wholeRetake(WholeRetakeRequest)
    /// The whole video back with the extension joined on (`ltx-prep extend`).
    case wholeExtend(WholeExtendRequest)
    /// The window a whole retake would send, its answer written as it came
    /// (`ltx-prep retake --window-only`): planned from the input, so made when run.
    case windowOnlyRetake(WholeRetakeRequest)
    /// One paid call, its result written as it came.
    case call(GenerationJob)
    /// The whole video at another size, with its own audio (`ltx-prep reframe`).
    case reframe(ReframeJob)
    /// The whole video in HDR, sent in pieces (`ltx-prep hdr`).
    case hdr(HDRJob)
}
