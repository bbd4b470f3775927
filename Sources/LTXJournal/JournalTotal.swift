#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Estimated spend of one day (UTC) on one endpoint: `ltx-prep jobs totals`.
public struct JournalTotal: Sendable, Equatable, Encodable {
    public var day: String
    public var endpoint: String
    public var requests: Int
    /// Of the requests with an estimate, to a hundredth of a cent.
    public var estimatedDollars: Double
    /// Requests journaled with no estimate (no documented price): in no total.
    public var unpricedRequests: Int

    /// Sorted by day, then endpoint. Rejected requests were not billed and are left out.
    public static func of(_ entries: [JournalEntry]) -> [JournalTotal] {
        var sums: [String: JournalTotal] = [:]
        for e in entries where e.state != .rejected {
            let day = String(Date(timeIntervalSince1970: e.createdAt).formatted(.iso8601).prefix(10))
            let key = day + " " + e.endpoint
            var t = sums[key] ?? JournalTotal(day: day, endpoint: e.endpoint, requests: 0, estimatedDollars: 0, unpricedRequests: 0)
            t.requests += 1
            if let cost = e.estimatedCost { t.estimatedDollars += cost } else { t.unpricedRequests += 1 }
            sums[key] = t
        }
        // A sum of estimates carries float noise (0.6000000000000001): JSON shows it to a hundredth of a cent.
        return sums.keys.sorted().compactMap { sums[$0] }.map { t in
            var t = t
            t.estimatedDollars = (t.estimatedDollars * 10_000).rounded() / 10_000
            return t
        }
    }
}
