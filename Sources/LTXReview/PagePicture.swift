#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LTXMedia

/// A picture inside the page itself, as a `data:` URI: the page is one file
/// that opens anywhere, with nothing beside it to lose.
public struct PagePicture: Sendable, Equatable {
    public var src: String
    public var width: Int
    public var height: Int
    /// What the picture shows, for a reader that cannot see it.
    public var alt: String

    public init(_ thumbnail: Thumbnail, alt: String) {
        src = "data:\(thumbnail.encoding.mimeType);base64," + Data(thumbnail.bytes).base64EncodedString()
        width = thumbnail.width
        height = thumbnail.height
        self.alt = alt
    }
}
