import LTXClient
import LTXMedia
import LTXPreflight

/// `upload` as it is: a file sent without checking or fixing it.
public enum FileUpload {
    /// The Content-Type (from the file's first bytes: MP4/MOV and Matroska
    /// without opening FFmpeg) and the size, refused above the upload limit.
    public static func identify(_ file: String) async throws(WorkflowError) -> (mimeType: String, sizeBytes: Int64) {
        let identified: (container: ContainerFormat, sizeBytes: Int64)
        do throws(MediaError) { identified = try await MediaProbe.identify(file) } catch { throw .unusable(error.description) }
        let limit = Delivery.upload.limit(for: .video).bytes
        guard identified.sizeBytes <= limit else {
            throw .unusable("\(file): \(identified.sizeBytes) bytes; upload takes at most \(limit)")
        }
        return (identified.container.mimeType, identified.sizeBytes)
    }

    public static func send(_ file: String, mimeType: String, client: LTXAPIClient,
                            events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> Uploaded {
        do throws(ClientError) {
            return try await client.upload(file: file, contentType: mimeType) { events(.uploading(sent: $0, total: $1)) }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .client(error)
        }
    }
}
