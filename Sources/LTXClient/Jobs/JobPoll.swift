import LTXContract

/// How a v2 job ended.
public enum JobEnd: Sendable, Equatable {
    /// The answer's URL for the endpoint polled.
    case completed(resultURL: String)
    /// Completed without the URL the endpoint's answer is read from.
    case completedWithoutResult
    /// The API gave up on it, with its reason.
    case failed(reason: String)
}

/// What one look at a v2 job means: look again later, or it ended. Pure, so
/// the rule is tested without a server; `LTXAPIClient.followJob` is the one loop
/// that acts on it (a plain generation and a journaled paid call alike).
public enum JobPoll: Sendable, Equatable {
    /// Still queued or running: its status as the API words it.
    case waiting(status: String)
    case ended(JobEnd)

    public static func of(_ job: Job, endpoint: Endpoint) -> JobPoll {
        switch job.status {
        case .completed?:
            return .ended(job.result?.answerURL(for: endpoint).map { .completed(resultURL: $0) } ?? .completedWithoutResult)
        case .failed?:
            return .ended(.failed(reason: job.error.map { "\($0._type): \($0.message)" } ?? "no reason given"))
        case .pending?, .processing?, nil:
            return .waiting(status: job.status?.rawValue ?? "pending")
        }
    }
}

extension LTXAPIClient {
    /// Polls job `id` every `interval` until it ends; each look that finds it
    /// still waiting is told to `waiting` before the pause. A signal during
    /// the pause is `.cancelled`.
    public func followJob(_ endpoint: Endpoint, id: String, every interval: Duration,
                     waiting: (_ status: String) -> Void = { _ in }) async throws(ClientError) -> JobEnd {
        while true {
            switch JobPoll.of(try await job(endpoint, id: id), endpoint: endpoint) {
            case .ended(let end): return end
            case .waiting(let status):
                waiting(status)
                do { try await Task.sleep(for: interval) } catch { throw .cancelled }
            }
        }
    }
}
