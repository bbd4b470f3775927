import LTXClient
import LTXMedia
import LTXPreflight
import Logging

/// What `upload` did with a file: what it is, and what the upload returned.
public struct UploadOutcome: Sendable {
    public var file: String
    public var mimeType: String
    public var sizeBytes: Int64
    /// Nil on a dry run.
    public var uploaded: Uploaded?
}

/// `upload` as it is: a file sent without checking or fixing it.
public enum FileUpload {
    /// `ltx-prep upload`: the client from `settings` (no key is refused
    /// first), the file identified, then sent unless `dryRun`.
    public static func run(_ file: String, settings: CallSettings, dryRun: Bool = false, logger: Logger,
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> UploadOutcome {
        let client = try settings.client(logger: logger)
        let identified = try await identify(file)
        var outcome = UploadOutcome(file: file, mimeType: identified.mimeType, sizeBytes: identified.sizeBytes)
        if dryRun { return outcome }
        let uploaded = try await send(file, mimeType: identified.mimeType, client: client, events: events)
        logger.info("uploaded \(uploaded.bytes) bytes in \(uploaded.seconds) s")
        outcome.uploaded = uploaded
        return outcome
    }

    /// The Content-Type (from the file's first bytes: MP4/MOV and Matroska
    /// without opening FFmpeg) and the size, refused above the upload limit.
    public static func identify(_ file: String) async throws(WorkflowError) -> (mimeType: String, sizeBytes: Int64) {
        let identified: (container: ContainerFormat, sizeBytes: Int64)
        do throws(MediaError) { identified = try await MediaProbe.identify(file) } catch { throw .unreadable(error) }
        let limit = Delivery.upload.limit(for: .video).bytes
        guard identified.sizeBytes <= limit else {
            throw .tooBigToUpload(path: file, bytes: identified.sizeBytes, limit: limit)
        }
        return (identified.container.mimeType, identified.sizeBytes)
    }

    public static func send(_ file: String, mimeType: String, client: LTXAPIClient,
                            events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> Uploaded {
        do throws(ClientError) {
            return try await client.reportingRetries { events(.retrying($0)) }
                .upload(file: file, contentType: mimeType) { events(.uploading(sent: $0, total: $1)) }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .client(error)
        }
    }
}
