import LTXContract
import LTXJournal

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The journal as people read it (`ltx-prep jobs`), for any Swift program.
extension JournalEntry {
    /// One line: fingerprint, when, endpoint, state, estimated cost, output.
    public var line: String {
        let cost = estimatedCost.map { "$" + Pricing.format($0) } ?? "-"
        return "\(fingerprint.prefix(12))  \(Self.time(createdAt))  \(endpoint)  \(state.rawValue)  \(cost)  \(shownOutput)"
    }

    /// The user's file: where the result was put back, else where it was written.
    private var shownOutput: String { placedInto.map { "put back into \($0)" } ?? output ?? "" }

    /// Every field, one per line.
    public var details: String {
        var lines = ["fingerprint \(fingerprint)", "endpoint    \(endpoint) (\(provider), \(baseURL))", "state       \(state.rawValue)",
                     "request     \(request)", "inputs      \(inputs)", "sent        \(Self.time(createdAt))", "updated     \(Self.time(updatedAt))"]
        if let c = estimatedCost { lines.append("estimated   $\(Pricing.format(c))") }
        if let j = jobID { lines.append("job         \(j)") }
        if let u = resultURL { lines.append("result URL  \(u)") }
        if let o = output { lines.append("output      \(o)" + (outputSHA256.map { " (sha256 \($0))" } ?? "") + (placedInto != nil ? ", removed once put back" : "")) }
        if let w = sentWindow { lines.append("window      \(Pricing.format(w.inputStart, places: 3)) s + \(Pricing.format(w.duration, places: 3)) s of the input") }
        if let p = placedInto { lines.append("put back    \(p)" + (placedSHA256.map { " (sha256 \($0))" } ?? "")) }
        if let err = error { lines.append("error       \(err)") }
        return lines.joined(separator: "\n")
    }

    /// How resuming this entry ended (`ltx-prep jobs resume`): `3f2a9c1b7d0e:
    /// wrote out.mp4`, or the same start and why it could not be finished
    /// (as `explain` says it: `description`, or a front end's own words).
    public func resumeLine(_ result: Result<GenerationOutcome, WorkflowError>,
                           explain: (WorkflowError) -> String = { $0.description }) -> String {
        switch result {
        case .success(let outcome): "\(fingerprint.prefix(12)): wrote \(outcome.generated?.output ?? "?")"
        case .failure(let error): "\(fingerprint.prefix(12)): \(explain(error))"
        }
    }

    private static func time(_ t: Double) -> String { Date(timeIntervalSince1970: t).formatted(.iso8601) }
}

extension JournalTotal {
    /// `2026-11-22  retake  3 request(s)  $1.20`.
    /// A total that leaves requests out (no documented price) says how many.
    public var line: String {
        "\(day)  \(endpoint)  \(requests) request(s)  $\(Pricing.format(estimatedDollars))"
            + (unpricedRequests > 0 ? " for \(requests - unpricedRequests), \(unpricedRequests) of unknown price not counted" : "")
    }
}

/// `jobs --json`: an entry with the request and its inputs as the JSON
/// objects they are, not as strings holding JSON.
public struct JournalEntryReport: Encodable, Sendable {
    public var entry: JournalEntry

    public init(_ entry: JournalEntry) { self.entry = entry }

    private enum CodingKeys: String, CodingKey {
        case fingerprint, provider, baseURL, endpoint, request, inputs, state, jobID, resultURL, error, output, outputSHA256, estimatedCost,
             sentWindow, placedInto, placedSHA256, createdAt, updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entry.fingerprint, forKey: .fingerprint)
        try c.encode(entry.provider, forKey: .provider)
        try c.encode(entry.baseURL, forKey: .baseURL)
        try c.encode(entry.endpoint, forKey: .endpoint)
        try c.encode(JSONTree.parse(entry.request), forKey: .request)
        try c.encode(JSONTree.parse(entry.inputs), forKey: .inputs)
        try c.encode(entry.state, forKey: .state)
        try c.encodeIfPresent(entry.jobID, forKey: .jobID)
        try c.encodeIfPresent(entry.resultURL, forKey: .resultURL)
        try c.encodeIfPresent(entry.error, forKey: .error)
        try c.encodeIfPresent(entry.output, forKey: .output)
        try c.encodeIfPresent(entry.outputSHA256, forKey: .outputSHA256)
        try c.encodeIfPresent(entry.estimatedCost.map(Pricing.rounded), forKey: .estimatedCost)
        try c.encodeIfPresent(entry.sentWindow, forKey: .sentWindow)
        try c.encodeIfPresent(entry.placedInto, forKey: .placedInto)
        try c.encodeIfPresent(entry.placedSHA256, forKey: .placedSHA256)
        try c.encode(entry.createdAt, forKey: .createdAt)
        try c.encode(entry.updatedAt, forKey: .updatedAt)
    }
}

/// Any JSON value, to pass stored JSON text through an `Encoder` as itself.
/// Hand-written: FoundationEssentials has no JSON value type, and the
/// OpenAPI runtime's containers would bring it into the text layer.
enum JSONTree: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONTree]), object([String: JSONTree])

    /// `text` as JSON, or the text itself as a string when it is not JSON.
    static func parse(_ text: String) -> JSONTree {
        (try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))) ?? .string(text)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSONTree].self) { self = .array(a) } else {
            self = .object(try c.decode([String: JSONTree].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
