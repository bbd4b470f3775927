/// An API key. Its description is always redacted, so no `print`, log line,
/// error or `--verbose` output can show it; only `headerValue` reveals it,
/// and only the transport calls that, for the API host.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let secret: String

    public init?(_ value: String?) {
        guard let value, !value.trimmingSpacesAndNewlines.isEmpty else { return nil }
        secret = value.trimmingSpacesAndNewlines
    }

    package var headerValue: String { secret }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "APIKey(<redacted>)" }
}

extension String {
    package var trimmingSpacesAndNewlines: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
