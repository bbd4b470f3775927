import HTTPTypes
import Hummingbird

/// What the router cannot route still gets the documented envelope and an
/// `x-request-id`: 405 with `Allow` for a method a contract path does not
/// take (as HTTP asks), 404 for a path the API does not have.
struct UnknownRoutes<Context: RequestContext>: RouterMiddleware {
    /// The contract's paths and the one method each takes.
    static func allowed(_ path: String) -> HTTPRequest.Method? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch (parts.count, parts.first) {
        case (2, "v1"): return ["upload", "text-to-video", "image-to-video", "audio-to-video", "retake", "ltx-retake-video"]
            .contains(parts.last ?? "") ? .post : nil
        case (2, "v2"): return .post
        case (3, "v2"): return .get
        default: return nil
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if let method = Self.allowed(request.uri.path), method != request.method {
                var response = APIErrorResponse.make(.methodNotAllowed, "invalid_request_error",
                                                     "\(request.method.rawValue) is not allowed here; use \(method.rawValue)")
                response.headers[.allow] = method.rawValue
                return response
            }
            return APIErrorResponse.make(.notFound, "not_found_error", "No such route: \(request.method.rawValue) \(request.uri.path)")
        }
    }
}
