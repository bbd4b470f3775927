import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// Why a reframe's aspect or size cannot be asked, before anything is read.
public enum ReframeRefusal: Sendable, Equatable, CustomStringConvertible {
    /// Reframe does not make this aspect.
    case aspectNotOffered(String)
    /// Neither the aspect nor the size was given.
    case noAspectOrSize
    /// The size is not one reframe makes at the aspect asked.
    case sizeNotOfAspect(String, aspect: String)
    /// The size is not one reframe makes at any aspect.
    case sizeNotOffered(String)

    public var description: String {
        switch self {
        case .aspectNotOffered(let aspect): "the aspect \(aspect): reframe offers \(ReframeJob.aspects.joined(separator: ", "))"
        case .noAspectOrSize: "give the aspect or the size"
        case .sizeNotOfAspect(let size, let aspect):
            "\(size) is not a \(aspect) size: reframe makes \(aspect) at \(ReframeJob.sizes(aspect: aspect).joined(separator: " or "))"
        case .sizeNotOffered(let size):
            "resolution \(size) is not a reframe size: " + Catalogue.Reframe.sizes.map { "\($0.sizes.joined(separator: ", ")) (\($0.aspect))" }.joined(separator: ", ")
        }
    }
}
