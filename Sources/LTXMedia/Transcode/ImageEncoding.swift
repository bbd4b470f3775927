/// One way to write a still picture: its format and, for the lossy ones,
/// how hard to compress.
public struct ImageEncoding: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Format: String, Sendable, Codable { case png, jpeg, webp }
    public var format: Format
    /// JPEG: FFmpeg's qscale, 2 (best) to 31. WEBP: libwebp's quality, 100
    /// (best) to 0. Nil for PNG, which is lossless.
    public var quality: Int?

    public init(_ format: Format, quality: Int? = nil) {
        self.format = format
        self.quality = quality
    }

    public static let png = ImageEncoding(.png)

    public var mimeType: String { "image/\(format.rawValue)" }

    public var description: String {
        switch format {
        case .png: "PNG"
        case .jpeg: "JPEG at qscale \(quality ?? 2)"
        case .webp: "WEBP at quality \(quality ?? 75)"
        }
    }
}
