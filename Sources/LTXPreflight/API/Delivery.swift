import LTXContract
import LTXMedia

/// How a file reaches the API, each with its own size limit
/// (`Catalogue.Limit`, ltx-api-2026.md §5).
public enum Delivery: String, Sendable, Codable, CaseIterable {
    /// `POST /v1/upload`, then PUT to the signed URL: 200 MB, images 15 MB.
    case upload
    /// An https URL the API fetches: 15 MB images, 32 MB video and audio.
    case url
    /// A `data:` URI inline: 7 MB images, 15 MB video and audio, encoded.
    case dataURI = "data-uri"

    /// The most bytes allowed, and whether it counts the base64 form.
    public func limit(for media: MediaInfo.Kind) -> (bytes: Int64, encoded: Bool) {
        switch (self, media) {
        // The upload takes 200 MB, but an image is refused above 15 MB at generation time.
        case (.upload, .image): return (Catalogue.Limit.uploadImageBytes, false)
        case (.upload, _): return (Catalogue.Limit.uploadBytes, false)
        case (.url, .image): return (Catalogue.Limit.urlImageBytes, false)
        case (.url, _): return (Catalogue.Limit.urlBytes, false)
        case (.dataURI, .image): return (Catalogue.Limit.dataURIImageBytes, true)
        case (.dataURI, _): return (Catalogue.Limit.dataURIBytes, true)
        }
    }

    /// The limit, made stricter by `maxBytes` when one is given (a proxy's
    /// or another host's body limit), counted the same way.
    public func limit(for media: MediaInfo.Kind, atMost maxBytes: Int64?) -> (bytes: Int64, encoded: Bool) {
        let limit = limit(for: media)
        return (min(limit.bytes, maxBytes ?? limit.bytes), limit.encoded)
    }

    /// The most file bytes that fit `limit`: base64 takes 4 bytes for 3.
    public static func fileBytes(fitting limit: (bytes: Int64, encoded: Bool), mimeType: String) -> Int64 {
        guard limit.encoded else { return limit.bytes }
        return max(0, limit.bytes - Int64("data:\(mimeType);base64,".utf8.count)) / 4 * 3
    }

    /// Length of `data:<mime>;base64,<payload>` for a file of `size` bytes.
    public static func dataURILength(fileSize size: Int64, mimeType: String) -> Int64 {
        Int64("data:\(mimeType);base64,".utf8.count) + (size + 2) / 3 * 4
    }
}
