import LTXContract
import LTXJournal

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The journal as people read it.
enum JobsPrinter {
    static func line(_ e: JournalEntry) -> String {
        let when = Date(timeIntervalSince1970: e.createdAt).formatted(.iso8601)
        let cost = e.estimatedCost.map { "$" + Pricing.format($0) } ?? "-"
        return "\(e.fingerprint.prefix(12))  \(when)  \(e.endpoint)  \(e.state.rawValue)  \(cost)  \(e.output ?? "")"
    }

    static func details(_ e: JournalEntry) -> String {
        var lines = ["fingerprint \(e.fingerprint)", "endpoint    \(e.endpoint) (\(e.provider), \(e.baseURL))",
                     "state       \(e.state.rawValue)", "request     \(e.request)", "inputs      \(e.inputs)",
                     "sent        \(Date(timeIntervalSince1970: e.createdAt).formatted(.iso8601))",
                     "updated     \(Date(timeIntervalSince1970: e.updatedAt).formatted(.iso8601))"]
        if let c = e.estimatedCost { lines.append("estimated   $\(Pricing.format(c))") }
        if let j = e.jobID { lines.append("job         \(j)") }
        if let u = e.resultURL { lines.append("result URL  \(u)") }
        if let o = e.output { lines.append("output      \(o)" + (e.outputSHA256.map { " (sha256 \($0))" } ?? "")) }
        if let err = e.error { lines.append("error       \(err)") }
        return lines.joined(separator: "\n")
    }
}
