import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// An extend that gives the user their whole video back: only the context
/// the model needs is sent, and the answer's extension is joined onto the
/// input, every one of whose packets is copied.
public struct WholeExtendRequest: Sendable {
    public var input: String
    /// Seconds added, 2 to 20.
    public var duration: Double
    public var edge: ExtendCall.Edge
    /// Seconds of the input sent as context; nil: `ExtendWindow.defaultContext`.
    /// Each is billed with the extension.
    public var context: Double?
    public var prompt: String?
    public var model: String?
    public var delivery: Delivery?
    public var output: String
    /// Keep the API's answer as it came (context and extension), not joined onto the input.
    public var windowOnly: Bool
    public var fixOptions: FixOptions

    public init(input: String, duration: Double, edge: ExtendCall.Edge = .end, context: Double? = nil, prompt: String? = nil,
                model: String? = nil, delivery: Delivery? = nil, output: String, windowOnly: Bool = false, fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.duration = duration
        self.edge = edge
        self.context = context
        self.prompt = prompt
        self.model = model
        self.delivery = delivery
        self.output = output
        self.windowOnly = windowOnly
        self.fixOptions = fixOptions
    }
}
