public enum StreamPlan<Encoding: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    /// Packets copied as they are: no quality loss, no decoding.
    case copy
    case encode(Encoding)
    case drop

    // {"action": "copy"} or {"action": "encode", "settings": {...}}: the synthesized
    // form ({"encode": {"_0": ...}}) shows Swift's internals in --json.
    private enum CodingKeys: String, CodingKey { case action, settings }

    public func encode(to encoder: any Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .copy: try c.encode("copy", forKey: .action)
        case .drop: try c.encode("drop", forKey: .action)
        case .encode(let settings):
            try c.encode("encode", forKey: .action)
            try c.encode(settings, forKey: .settings)
        }
    }

    public init(from decoder: any Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .action) {
        case "copy": self = .copy
        case "drop": self = .drop
        case "encode": self = .encode(try c.decode(Encoding.self, forKey: .settings))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .action, in: c, debugDescription: "unknown stream action \(other)")
        }
    }
}
