import LTXContract

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the sandbox remembers while it runs: upload tickets, async jobs and
/// the fault script.
actor SandboxState {
    struct Ticket {
        var token: String
        var expires: ContinuousClock.Instant
        var path: String
        var uploaded = false
    }

    /// An async (v2) job: its status, and its result file once completed.
    struct JobRecord {
        var endpoint: String
        var status: String
        var createdAt: Date
        var completedAt: Date?
        var result: String?
        /// A failed job's `error`: the same type names as HTTP errors.
        var error: Components.Schemas.JobError?
    }

    private var tickets: [String: Ticket] = [:]
    private var jobs: [String: JobRecord] = [:]
    private var script: [SandboxFault]
    private let failureRate: Double
    private var counter = 0
    /// host:port as clients reach it, once listening (URLs it hands out point here).
    private(set) var authority = "127.0.0.1"

    func listening(on authority: String) { self.authority = authority }

    private var pollScript: [Int]
    private var resultScript: [Int]
    /// What was paid for: jobs accepted (v2) and generations answered (v1).
    private(set) var acceptedJobs = 0
    private(set) var syncGenerations = 0
    private(set) var uploadTickets = 0
    /// Every request to a paid route that passed the key check, faults
    /// included: what a client sent, retries and all.
    private(set) var generationRequests = 0

    init(script: [SandboxFault], failureRate: Double, pollScript: [Int] = [], resultScript: [Int] = []) {
        self.script = script
        self.failureRate = failureRate
        self.pollScript = pollScript
        self.resultScript = resultScript
    }

    func nextPollFault() -> Int? { pollScript.isEmpty ? nil : pollScript.removeFirst() }
    func nextResultFault() -> Int? { resultScript.isEmpty ? nil : resultScript.removeFirst() }
    func countSyncGeneration() { syncGenerations += 1 }

    func newTicket(directory: String, lifetime: Duration) -> (id: String, token: String) {
        let id = Self.hex(16), token = Self.hex(16)
        uploadTickets += 1
        tickets[id] = Ticket(token: token, expires: .now + lifetime, path: "\(directory)/upload-\(id)")
        return (id, token)
    }

    enum TicketCheck { case ok(String), unknown, badToken, expired }

    func check(id: String, token: String?) -> TicketCheck {
        guard let t = tickets[id] else { return .unknown }
        guard token == t.token else { return .badToken }
        guard ContinuousClock.now < t.expires else { return .expired }
        return .ok(t.path)
    }

    func markUploaded(_ id: String) { tickets[id]?.uploaded = true }

    /// The file behind `ltx://uploads/ID`, once uploaded.
    func stored(_ id: String) -> String? {
        guard let t = tickets[id], t.uploaded else { return nil }
        return t.path
    }

    /// The status to answer this generation request with instead of serving it.
    func nextFault() -> SandboxFault? {
        generationRequests += 1
        if !script.isEmpty { return script.removeFirst() }
        guard failureRate > 0, Double.random(in: 0..<1) < failureRate else { return nil }
        counter += 1
        return counter % 2 == 0 ? 503 : 500
    }

    func newJob(endpoint: String) -> (id: String, record: JobRecord) {
        let id = Self.hex(16)
        let record = JobRecord(endpoint: endpoint, status: "pending", createdAt: .now)
        jobs[id] = record
        acceptedJobs += 1
        return (id, record)
    }

    func updateJob(_ id: String, _ change: (inout JobRecord) -> Void) {
        if var record = jobs[id] {
            change(&record)
            jobs[id] = record
        }
    }

    func job(_ id: String) -> JobRecord? { jobs[id] }

    /// A v1 result served by URL (`--answer link`): kept as a finished record so `/results/{id}` serves it.
    func storedResult(_ path: String) -> String {
        let id = Self.hex(16)
        jobs[id] = JobRecord(endpoint: "sync", status: "completed", createdAt: .now, completedAt: .now, result: path)
        return id
    }

    func uniqueName() -> String { Self.hex(8) }

    static func hex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
