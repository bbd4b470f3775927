import LTXContract

/// What became of one item: one line of `--report`.
public struct BatchResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Paid for and written in this run.
        case written
        /// The journal had it: finished without paying again (already on disk,
        /// fetched again, or a running job polled).
        case resumed
        /// Dry run: it would be sent.
        case wouldSend = "would-send"
        /// Not sent: unreadable, unfixable or an invalid line; nothing was billed.
        case unusable
        /// Not sent: over the cost limit, or the journal says it may have been billed.
        case refused
        /// The API refused it or the job failed.
        case failed
        /// The network failed or the run was interrupted.
        case error
    }

    public var index: Int
    public var command: String?
    public var input: String?
    public var output: String?
    public var status: Status
    public var message: String?
    public var estimatedDollars: Double?
    /// A call was made (on a dry run: would be) that has no documented price:
    /// its cost is in no total.
    public var priceUnknown: Bool?
    public var jobId: String?
    /// Seconds from the item's start to its end in this run, its wait for a slot included.
    public var seconds: Double?

    /// True when this item may still be billed on a rerun (only unbilled failures are retried then).
    public var isDone: Bool { status == .written || status == .resumed }

    private enum CodingKeys: String, CodingKey { case index, command, input, output, status, message, estimatedDollars, priceUnknown, jobId, seconds }

    /// Dollars to a hundredth of a cent (`Pricing.rounded`), as every JSON of ltx-prep carries them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encodeIfPresent(command, forKey: .command)
        try c.encodeIfPresent(input, forKey: .input)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(estimatedDollars.map(Pricing.rounded), forKey: .estimatedDollars)
        try c.encodeIfPresent(priceUnknown, forKey: .priceUnknown)
        try c.encodeIfPresent(jobId, forKey: .jobId)
        try c.encodeIfPresent(seconds.map { ($0 * 1000).rounded() / 1000 }, forKey: .seconds)
    }
}
