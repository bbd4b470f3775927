import AsyncHTTPClient
import LTXContract
import NIOCore

/// Asks a delivery URL's server what the API would get: one `HEAD`, no
/// redirects followed (the API follows none), no credentials (the API key
/// goes to the API host only).
public enum RemoteFileInspector {
    public static func inspect(_ url: String, timeout: Duration = .seconds(10)) async throws(ClientError) -> RemoteFile {
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        var request = HTTPClientRequest(url: url)
        request.method = .HEAD
        request.headers.add(name: "User-Agent", value: "ltx-prep/0.1")
        let result: Result<RemoteFile, any Error>
        do {
            let response = try await http.execute(request, timeout: TimeAmount(timeout))
            result = .success(RemoteFile(status: Int(response.status.code),
                                         contentLength: response.headers.first(name: "content-length").flatMap { Int64($0) },
                                         location: response.headers.first(name: "location")))
        } catch {
            result = .failure(error)
        }
        try? await http.shutdown()
        switch result {
        case .success(let remote): return remote
        case .failure(is CancellationError): throw .cancelled
        case .failure(let error): throw .connection("\(url): \(error)", attempts: 1)
        }
    }
}
