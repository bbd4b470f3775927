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

    /// `path`'s thumbnail at `moment`, its alt the file and the time shown;
    /// made off the cooperative pool.
    public static func of(_ path: String, at moment: Thumbnail.Moment, maxSide: Int) async -> Result<PagePicture, MediaError> {
        do throws(MediaError) {
            let thumbnail = try await Thumbnail.make(path: path, at: moment, maxSide: maxSide)
            return .success(PagePicture(thumbnail, alt: "\(path) at \(Format.seconds(thumbnail.seconds))"))
        } catch {
            return .failure(error)
        }
    }
}
