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
    public var estimatedDollars: Double

    /// Sorted by day, then endpoint. Rejected requests were not billed and are left out.
    public static func of(_ entries: [JournalEntry]) -> [JournalTotal] {
        var sums: [String: JournalTotal] = [:]
        for e in entries where e.state != .rejected {
            let day = String(Date(timeIntervalSince1970: e.createdAt).formatted(.iso8601).prefix(10))
            let key = day + " " + e.endpoint
            var t = sums[key] ?? JournalTotal(day: day, endpoint: e.endpoint, requests: 0, estimatedDollars: 0)
            t.requests += 1
            t.estimatedDollars += e.estimatedCost ?? 0
            sums[key] = t
        }
        return sums.keys.sorted().compactMap { sums[$0] }
    }
}
