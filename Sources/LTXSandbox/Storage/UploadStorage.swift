import HTTPTypes
import Hummingbird
import LTXContract
import LTXSystem
import NIOCore
import NIOFileSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The signed-URL storage: tickets from `POST /v1/upload` (a contract
/// operation), and the `PUT` they point at (a storage route, not the API's).
struct UploadStorage: Sendable {
    let configuration: SandboxConfiguration
    let state: SandboxState

    static let limit = Int(Catalogue.Limit.uploadBytes)
    static let lengthRangeHeader = HTTPField.Name("x-goog-content-length-range")!
    static let lengthRangeValue = "0,\(limit)"

    func ticket(authority: String?) async -> UploadTicket {
        let (id, token) = await state.newTicket(directory: configuration.storageDirectory, lifetime: configuration.uploadURLLifetime)
        let authority = authority ?? "\(configuration.host):\(configuration.port)"
        let (seconds, _) = configuration.uploadURLLifetime.components
        return UploadTicket(uploadUrl: "http://\(authority)/storage/\(id)?token=\(token)", storageUri: "ltx://uploads/\(id)",
                            expiresAt: Date.now.addingTimeInterval(Double(seconds)),
                            requiredHeaders: .init(additionalProperties: [Self.lengthRangeHeader.rawName: Self.lengthRangeValue]))
    }

    struct TooLarge: Error {}
    /// The body could not be framed (a broken chunk): the client's fault, a 400.
    struct Malformed: Error {}

    /// `PUT /storage/{id}?token=...`: the checks a signed URL makes, then the
    /// body streamed to disk.
    func store(_ request: Request, id: String) async -> Response {
        let path: String
        switch await state.check(id: id, token: request.uri.queryParameters.get("token")) {
        case .unknown: return APIErrorResponse.make(.notFound, "not_found_error", "No such upload URL")
        case .badToken: return APIErrorResponse.make(.forbidden, "authentication_error", "The request signature does not match")
        case .expired: return APIErrorResponse.make(.forbidden, "authentication_error", "Request has expired")
        case .ok(let p): path = p
        }
        guard request.headers[Self.lengthRangeHeader] == Self.lengthRangeValue else {
            return APIErrorResponse.make(.badRequest, "invalid_request_error",
                                         "missing required header \(Self.lengthRangeHeader.rawName): \(Self.lengthRangeValue)")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.limit {
            return APIErrorResponse.make(.contentTooLarge, "request_too_large", "Upload exceeds 200 MB")
        }
        do {
            var received = 0
            try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path), options: .newFile(replaceExisting: true)) { handle in
                var writer = handle.bufferedWriter()
                var chunks = request.body.makeAsyncIterator()
                while true {
                    let next: ByteBuffer?
                    do { next = try await chunks.next() } catch { throw Malformed() }
                    guard let chunk = next else { break }
                    received += chunk.readableBytes
                    if received > Self.limit { throw TooLarge() }
                    try await writer.write(contentsOf: chunk)
                }
                try await writer.flush()
            }
        } catch is TooLarge {
            try? LocalFiles.remove(path)
            return APIErrorResponse.make(.contentTooLarge, "request_too_large", "Upload exceeds 200 MB")
        } catch is Malformed {
            try? LocalFiles.remove(path)
            return APIErrorResponse.make(.badRequest, "invalid_request_error",
                                         "the upload body could not be read: it is not valid HTTP/1.1 framing (chunked encoding or length)")
        } catch {
            try? LocalFiles.remove(path)
            return APIErrorResponse.make(.internalServerError, "api_error", "Upload failed: \(error)")
        }
        await state.markUploaded(id)
        return Response(status: .ok)
    }
}
