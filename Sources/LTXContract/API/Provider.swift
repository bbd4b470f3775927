/// Who serves the API: LTX itself, or Segmind's retake endpoint.
public enum Provider: String, Sendable, CaseIterable {
    case ltx
    case segmind

    public var defaultBaseURL: String {
        switch self {
        // The docs' host since 2026; the legacy api.ltx.video still answers
        // and stays reachable through LTX_API_BASE_URL.
        case .ltx: "https://api.ltx.io"
        case .segmind: "https://api.segmind.com"
        }
    }

    /// LTX takes uploads; Segmind only data URIs and https URLs, so a file
    /// too big to inline must be made smaller, not delivered another way.
    public var takesUpload: Bool { self == .ltx }

    /// Environment variables for the key and the base URL.
    public var keyVariable: String { self == .ltx ? "LTXV_API_KEY" : "SEGMIND_API_KEY" }
    public var baseURLVariable: String { self == .ltx ? "LTX_API_BASE_URL" : "SEGMIND_API_BASE_URL" }

    /// The auth header: LTX takes a bearer token, Segmind `x-api-key`.
    package func authHeader(_ key: APIKey) -> (name: String, value: String) {
        switch self {
        case .ltx: ("Authorization", "Bearer \(key.headerValue)")
        case .segmind: ("x-api-key", key.headerValue)
        }
    }
}
