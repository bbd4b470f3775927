import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// One paid generation described end to end: the files it sends, how each
/// is checked and delivered, the body that carries them, and its price.
public struct GenerationJob: Sendable {
    public struct Input: Sendable {
        public var path: String
        public var check: CheckRequest
        /// `url` delivery sends `url`; `dataURI` streams the file into the body.
        public var delivery: Delivery
        public var url: String?

        public init(path: String, check: CheckRequest, delivery: Delivery, url: String? = nil) {
            self.path = path
            self.check = check
            self.delivery = delivery
            self.url = url
        }
    }

    public var endpoint: Endpoint
    public var provider: Provider
    public var inputs: [Input]
    /// Where the result goes; temporary fixed inputs are written beside it.
    public var output: String
    public var fixOptions: FixOptions
    /// The body, from each input's URI (in order) and what was sent.
    public var makeRequest: @Sendable (_ uris: [String], _ sent: [PreparedInput]) -> GenerationRequest
    /// The documented price of the call, from what is sent.
    public var estimate: @Sendable (_ sent: [PreparedInput]) -> Pricing.Estimate?

    public init(endpoint: Endpoint, provider: Provider = .ltx, inputs: [Input], output: String, fixOptions: FixOptions = FixOptions(),
                makeRequest: @escaping @Sendable ([String], [PreparedInput]) -> GenerationRequest,
                estimate: @escaping @Sendable ([PreparedInput]) -> Pricing.Estimate?) {
        self.endpoint = endpoint
        self.provider = provider
        self.inputs = inputs
        self.output = output
        self.fixOptions = fixOptions
        self.makeRequest = makeRequest
        self.estimate = estimate
    }

    /// What is paid for, in a sentence: "this retake", "this video".
    public var summary: String {
        switch endpoint {
        case .retake: "this retake"
        case .reframe: "this reframe"
        case .hdr: "this HDR"
        default: "this video"
        }
    }
}

/// The documented endpoints as jobs.
extension GenerationJob {
    /// A retake of `section`. A clip over 21 s is cut to a window around the
    /// section first (the request's `start_time` then counts in the window).
    public static func retake(input: String, section: RetakeSection, prompt: String? = nil, mode: RetakeMode? = nil,
                              model: String? = nil, resolution: RetakeResolution? = nil, provider: Provider = .ltx, delivery: Delivery? = nil,
                              url: String? = nil, output: String, fixOptions: FixOptions = FixOptions()) -> GenerationJob {
        let delivery = delivery ?? (provider.takesUpload ? .upload : .dataURI)
        let check = CheckRequest(endpoint: .retake, section: section, delivery: delivery, prompt: prompt)
        return GenerationJob(endpoint: .retake, provider: provider, inputs: [Input(path: input, check: check, delivery: delivery, url: url)], output: output,
                             fixOptions: fixOptions) { uris, sent in
            let start = sent.first?.fix?.window?.sectionStart ?? section.start
            if provider == .segmind {
                return .segmindRetake(SegmindRetakeRequest(videoUri: uris[0], startTime: start, duration: section.duration,
                                                           prompt: prompt, mode: mode))
            }
            return .retake(RetakeRequest(videoUri: uris[0], prompt: prompt, startTime: start, duration: section.duration, mode: mode,
                                         model: model, resolution: resolution))
        } estimate: { sent in
            let media = sent.first?.report.media
            return Pricing.estimate(endpoint: .retake, provider: provider, seconds: media?.primaryVideo?.duration ?? media?.duration ?? 0)
        }
    }

    /// A reframe of the whole of `input` to `resolution`: checked against
    /// reframe's limits (60 s, 1800 frames, 200 MB), fixed first if its
    /// container or codecs must change (nothing is cut), priced per second
    /// of input at the output's tier (720p $0.10/s; 1080p: no documented
    /// price). The answer is written as it came; `Reframe.run` also puts the
    /// input's own audio back under it.
    public static func reframe(input: String, resolution: ReframeSize, delivery: Delivery = .upload, url: String? = nil,
                               output: String, fixOptions: FixOptions = FixOptions()) -> GenerationJob {
        let check = CheckRequest(endpoint: .reframe, delivery: delivery)
        return GenerationJob(endpoint: .reframe, inputs: [Input(path: input, check: check, delivery: delivery, url: url)], output: output,
                             fixOptions: fixOptions) { uris, _ in
            .reframe(ReframeRequest(videoUri: uris[0], resolution: resolution))
        } estimate: { sent in
            let media = sent.first?.report.media
            return Pricing.estimate(endpoint: .reframe, provider: .ltx, resolution: resolution.rawValue,
                                    seconds: media?.primaryVideo?.duration ?? media?.duration ?? 0)
        }
    }

    public static func textToVideo(_ body: TextToVideoRequest, output: String) -> GenerationJob {
        GenerationJob(endpoint: .textToVideo, inputs: [], output: output) { _, _ in .textToVideo(body) } estimate: { _ in
            Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: body.model, resolution: body.resolution,
                             seconds: Double(billedSeconds(body.duration, model: body.model, resolution: body.resolution, fps: body.fps)))
        }
    }

    /// `body.imageUri` is replaced by the delivered image's URI, and
    /// `body.lastFrameUri` by `lastFrame`'s when one is given (checked and
    /// delivered like the first; with a data URI it goes whole, not streamed).
    public static func imageToVideo(image: String, lastFrame: String? = nil, _ body: ImageToVideoRequest, delivery: Delivery = .upload,
                                    url: String? = nil, output: String) -> GenerationJob {
        let check = CheckRequest(endpoint: .imageToVideo, delivery: delivery)
        var inputs = [Input(path: image, check: check, delivery: delivery, url: url)]
        if let lastFrame { inputs.append(Input(path: lastFrame, check: check, delivery: delivery)) }
        return GenerationJob(endpoint: .imageToVideo, inputs: inputs, output: output) { uris, _ in
            var body = body
            body.imageUri = uris[0]
            if lastFrame != nil, uris.count > 1 { body.lastFrameUri = uris[1] }
            return .imageToVideo(body)
        } estimate: { _ in
            Pricing.estimate(endpoint: .imageToVideo, provider: .ltx, model: body.model, resolution: body.resolution,
                             seconds: Double(billedSeconds(body.duration, model: body.model, resolution: body.resolution, fps: body.fps)))
        }
    }

    /// The seconds an estimate counts: `duration`, or for an automatic one
    /// (nil) the longest the API may choose for the cell, what a `--max-cost`
    /// must allow for (the API holds that much credit too).
    static func billedSeconds(_ duration: Int?, model: String, resolution: String, fps: Int?) -> Int {
        duration ?? Catalogue.durations(model: model, resolution: resolution, fps: fps ?? Catalogue.defaultFPS)?.max() ?? 0
    }

    /// `audioToVideo` of a prompt, an image or both, the body's URIs left to delivery.
    public static func audioToVideo(audio: String, image: String?, prompt: String?, delivery: Delivery = .upload, output: String,
                                    fixOptions: FixOptions = FixOptions()) -> GenerationJob {
        audioToVideo(audio: audio, image: image, AudioToVideoRequest(audioUri: "", prompt: prompt), delivery: delivery, output: output,
                     fixOptions: fixOptions)
    }

    /// The audio streams when delivered as a data URI; the image (and the
    /// last frame, which needs it), if any, then go whole. `body`'s URIs are
    /// replaced by the delivered ones. `fixOptions.audioStart` picks which
    /// 20 s of a longer audio are sent.
    public static func audioToVideo(audio: String, image: String?, lastFrame: String? = nil, _ body: AudioToVideoRequest,
                                    delivery: Delivery = .upload, output: String, fixOptions: FixOptions = FixOptions()) -> GenerationJob {
        // The longest audio depends on the model and the tier: checked, and cut by the fix, to that.
        let tier = Catalogue.tier(body.resolution ?? "1920x1080")?.name ?? "1080p"
        let most = Catalogue.audioMaxSeconds[body.model ?? Catalogue.defaultModel(.audioToVideo)]?[tier]
        var fixOptions = fixOptions
        fixOptions.maxAudioSeconds = most
        let check = CheckRequest(endpoint: .audioToVideo, delivery: delivery, maxAudioSeconds: most)
        var inputs = [Input(path: audio, check: check, delivery: delivery)]
        if let image { inputs.append(Input(path: image, check: check, delivery: delivery)) }
        if image != nil, let lastFrame { inputs.append(Input(path: lastFrame, check: check, delivery: delivery)) }
        return GenerationJob(endpoint: .audioToVideo, inputs: inputs, output: output, fixOptions: fixOptions) { uris, _ in
            var body = body
            body.audioUri = uris[0]
            body.imageUri = uris.count > 1 ? uris[1] : nil
            body.lastFrameUri = uris.count > 2 ? uris[2] : nil
            return .audioToVideo(body)
        } estimate: { sent in
            let media = sent.first?.report.media
            return Pricing.estimate(endpoint: .audioToVideo, provider: .ltx, model: body.model, resolution: body.resolution,
                                    seconds: media?.primaryAudio?.duration ?? media?.duration ?? 0)
        }
    }
}
