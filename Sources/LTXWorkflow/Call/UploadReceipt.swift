import LTXClient

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `upload --json`: where the file went, how fast, and how long each URL works.
public struct UploadReceipt: Sendable, Encodable {
    public var file: String
    public var storageUri: String
    /// When the signed upload URL stops working (1 hour after the ticket).
    public var expiresAt: String
    public var uploadUrlExpiresAt: String
    /// How long the storage URI can be used in requests: 24 hours after the upload (ltx-api-docs.md).
    public var storageUriExpiresAt: String
    public var bytes: Int64
    public var seconds: Double
    public var bytesPerSecond: Double

    /// The storage URI's lifetime from the upload.
    public static let storageURILifetime: Double = 24 * 3600

    public init(_ uploaded: Uploaded, file: String, now: Date = .now) {
        self.file = file
        storageUri = uploaded.ticket.storageUri
        expiresAt = uploaded.ticket.expiresAt.formatted(.iso8601)
        uploadUrlExpiresAt = expiresAt
        storageUriExpiresAt = now.addingTimeInterval(Self.storageURILifetime).formatted(.iso8601)
        bytes = uploaded.bytes
        seconds = uploaded.seconds
        bytesPerSecond = uploaded.bytesPerSecond.rounded()
    }
}
