import HTTPTypes
import Hummingbird
import LTXContract

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The documented error body, `{"type":"error","error":{"type","message"}}`,
/// encoded from the contract's `ErrorResponse`.
enum APIErrorResponse {
    static func json(type: String, message: String) -> [UInt8] {
        let envelope = APIError(status: 0, type: type, message: message).envelope
        return (try? Array(JSONEncoder().encode(envelope))) ?? []
    }

    /// For the routes outside the contract (the storage PUT, result downloads).
    static func make(_ status: HTTPResponse.Status, _ type: String, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json(type: type, message: message))))
    }
}
