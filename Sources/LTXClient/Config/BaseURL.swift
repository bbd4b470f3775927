/// A validated API base URL: https anywhere, plain http only to a loopback
/// address, so the key never crosses a network in clear text.
public struct BaseURL: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// Without a trailing slash.
    public let string: String

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case plainHTTP(String)

        public var description: String {
            switch self {
            case .malformed(let s): "\(s): not an http(s) URL"
            case .plainHTTP(let s): "\(s): plain http is refused except to a loopback address (127.0.0.0/8, ::1, localhost); use https"
            }
        }
    }

    public init(_ raw: String) throws(Problem) {
        let trimmed = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        guard let schemeEnd = trimmed.firstRange(of: "://") else { throw .malformed(raw) }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw .malformed(raw) }
        let rest = trimmed[schemeEnd.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !authority.isEmpty, !authority.contains("@") else { throw .malformed(raw) }
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .malformed(raw) }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]) else { throw .malformed(raw) }
            port = p
        }
        guard !host.isEmpty else { throw .malformed(raw) }
        if scheme == "http" && !BaseURL.isLoopback(host) { throw .plainHTTP(raw) }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.string = trimmed
    }

    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var isLoopback: Bool { BaseURL.isLoopback(host) }

    public func url(_ path: String) -> String { string + path }

    public var description: String { string }
}
