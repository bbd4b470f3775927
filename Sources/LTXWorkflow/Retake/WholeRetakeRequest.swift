import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// A retake that gives the user their whole video back: each section sent
/// with a little context, each answer spliced into the original.
public struct WholeRetakeRequest: Sendable {
    public var input: String
    /// On the input's timeline; several make several calls unless their
    /// windows overlap or touch.
    public var sections: [TimeWindow]
    /// Seconds sent on each side of a section (each costs $0.10 with LTX).
    public var context: Double
    public var prompt: String?
    public var mode: RetakeMode?
    public var model: String?
    /// The answer's size (LTX): 1920x1080 or 1080x1920; nil lets the API pick by
    /// the input's orientation. The splice scales the answer back either way.
    public var resolution: RetakeResolution?
    public var provider: Provider
    public var delivery: Delivery?
    public var url: String?
    public var output: String
    public var fixOptions: FixOptions

    public init(input: String, sections: [TimeWindow], context: Double = 2, prompt: String? = nil, mode: RetakeMode? = nil,
                model: String? = nil, resolution: RetakeResolution? = nil, provider: Provider = .ltx, delivery: Delivery? = nil,
                url: String? = nil, output: String, fixOptions: FixOptions = FixOptions()) {
        self.resolution = resolution
        self.input = input
        self.sections = sections
        self.context = context
        self.prompt = prompt
        self.mode = mode
        self.model = model
        self.provider = provider
        self.delivery = delivery
        self.url = url
        self.output = output
        self.fixOptions = fixOptions
    }
}

extension WholeRetakeRequest {
    /// Why `provider` cannot take a retake delivered so, or naming a model:
    /// Segmind takes a data URI or an https URL, and no model. Nil when it can.
    public static func refusal(provider: Provider, delivery: Delivery?, model: String?, resolution: RetakeResolution? = nil) -> WorkflowError? {
        if !provider.takesUpload && delivery == .upload { return .providerTakesNoUpload(provider) }
        if provider == .segmind && model != nil { return .providerTakesNoModel(provider) }
        if provider == .segmind && resolution != nil { return .providerTakesNoResolution(provider) }
        // A removed model, or one retake does not take, is refused before the input is read.
        if provider == .ltx, let model, let line = GenerationRules.modelRefusal(model, for: .retake) { return .modelRefused(line) }
        return nil
    }

    /// `refusal(provider:delivery:model:)` of this request.
    public var refusal: WorkflowError? { Self.refusal(provider: provider, delivery: delivery, model: model, resolution: resolution) }
}
