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
        return "\(fingerprint.prefix(12))  \(Self.time(createdAt))  \(endpoint)  \(state.rawValue)  \(cost)  \(output ?? "")"
    }

    /// Every field, one per line.
    public var details: String {
        var lines = ["fingerprint \(fingerprint)", "endpoint    \(endpoint) (\(provider), \(baseURL))", "state       \(state.rawValue)",
                     "request     \(request)", "inputs      \(inputs)", "sent        \(Self.time(createdAt))", "updated     \(Self.time(updatedAt))"]
        if let c = estimatedCost { lines.append("estimated   $\(Pricing.format(c))") }
        if let j = jobID { lines.append("job         \(j)") }
        if let u = resultURL { lines.append("result URL  \(u)") }
        if let o = output { lines.append("output      \(o)" + (outputSHA256.map { " (sha256 \($0))" } ?? "")) }
        if let err = error { lines.append("error       \(err)") }
        return lines.joined(separator: "\n")
    }

    /// How resuming this entry ended (`ltx-prep jobs resume`): `3f2a9c1b7d0e:
    /// wrote out.mp4`, or the same start and why it could not be finished.
    public func resumeLine(_ result: Result<GenerationOutcome, WorkflowError>) -> String {
        switch result {
        case .success(let outcome): "\(fingerprint.prefix(12)): wrote \(outcome.generated?.output ?? "?")"
        case .failure(let error): "\(fingerprint.prefix(12)): \(error)"
        }
    }

    private static func time(_ t: Double) -> String { Date(timeIntervalSince1970: t).formatted(.iso8601) }
}

extension JournalTotal {
    /// `2026-11-22  retake  3 request(s)  $1.20`.
    public var line: String { "\(day)  \(endpoint)  \(requests) request(s)  $\(Pricing.format(estimatedDollars))" }
}
