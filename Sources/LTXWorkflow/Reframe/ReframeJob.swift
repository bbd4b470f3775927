import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// A reframe asked for: the whole of `input` at one of reframe's sizes.
public struct ReframeJob: Sendable {
    public var input: String
    /// One of `Catalogue.Reframe.sizes` (`"1080x1920"`...); any other is refused with the list.
    public var resolution: String
    public var delivery: Delivery
    /// With `delivery` `.url`: the input's https URL, which the API fetches.
    public var url: String?
    public var output: String
    public var fixOptions: FixOptions

    public init(input: String, resolution: String, delivery: Delivery = .upload, url: String? = nil, output: String,
                fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.resolution = resolution
        self.delivery = delivery
        self.url = url
        self.output = output
        self.fixOptions = fixOptions
    }

    /// The aspects reframe offers, as `--to` names them: 1:1, 4:5, 5:4, 9:16, 16:9.
    public static var aspects: [String] { Catalogue.Reframe.sizes.map(\.aspect) }

    /// The sizes reframe offers for `aspect`; empty for an aspect it does not offer.
    public static func sizes(aspect: String) -> [String] {
        Catalogue.Reframe.sizes.first { $0.aspect == aspect }?.sizes ?? []
    }

    /// The 1080 class of `aspect` (`1080x1920` for 9:16); nil for an aspect reframe does not offer.
    public static func defaultResolution(aspect: String) -> String? { sizes(aspect: aspect).last }

    /// Why `resolution` cannot be asked (for `aspect`, when one is given),
    /// naming the sizes that can; nil when it can.
    public static func refusal(resolution: String?, aspect: String?) -> ReframeRefusal? {
        if let aspect, sizes(aspect: aspect).isEmpty { return .aspectNotOffered(aspect) }
        guard let resolution else { return aspect == nil ? .noAspectOrSize : nil }
        if let aspect {
            return sizes(aspect: aspect).contains(resolution) ? nil : .sizeNotOfAspect(resolution, aspect: aspect)
        }
        return ReframeSize(rawValue: resolution) != nil ? nil : .sizeNotOffered(resolution)
    }

    /// The one paid call, its answer written to `answer`.
    func call(_ size: ReframeSize, answer: String) -> GenerationJob {
        .reframe(input: input, resolution: size, delivery: delivery, url: url, output: answer, fixOptions: fixOptions)
    }
}
