/// How hard to retry: attempts, an overall deadline, and the backoff.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    /// No retry starts after this much time in all.
    public var deadline: Duration
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A `Retry-After` longer than this fails rather than waits.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, deadline: Duration = .seconds(900), baseDelay: Duration = .milliseconds(500),
                maxDelay: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(300)) {
        self.maxAttempts = maxAttempts
        self.deadline = deadline
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The longest an API that cannot be reached is tried: every attempt
    /// waiting `connectTimeout` for its connection (a refusal comes at once),
    /// and the longest backoff between them. Within `deadline` plus the last
    /// attempt's connect, as `RetryStateMachine` starts none after it.
    public func longestUnreachableWait(connectTimeout: Duration) -> Duration {
        var total = connectTimeout * maxAttempts
        var delay = baseDelay
        for _ in 1..<max(1, maxAttempts) {
            total += min(delay, maxDelay)  // the jitter takes at most the whole delay
            delay *= 2
        }
        return min(total, deadline + connectTimeout)
    }
}

/// Decides, after each attempt, whether to stop, fail or wait and retry.
/// Pure, as AsyncHTTPClient's state machines are: the caller supplies the
/// time elapsed and a random number, so it is tested without I/O or clocks.
///
/// - 429 (`concurrency_limit_error` and `rate_limit_error` alike): wait
///   `Retry-After` (or back off when absent);
/// - 500, 502, 503, 504, 529 (`overloaded_error`) and connection failures:
///   exponential backoff with jitter;
/// - 400, 401, 402, 403, 404, 413, 422 and anything else: never retried;
/// - always within `maxAttempts` and the overall `deadline`.
public struct RetryStateMachine: Sendable {
    public enum Outcome: Sendable, Equatable {
        case success
        case status(Int, retryAfter: Double?)
        case connectionFailed
    }

    public enum Decision: Sendable, Equatable {
        case done
        case retry(after: Duration)
        case fail
    }

    public let policy: RetryPolicy
    public private(set) var attempts = 0

    public init(policy: RetryPolicy = RetryPolicy()) {
        self.policy = policy
    }

    static let retriedStatuses: Set<Int> = [500, 502, 503, 504, 529]

    /// `random` in 0..<1 spreads concurrent clients apart (the jitter).
    public mutating func next(after outcome: Outcome, elapsed: Duration, random: Double) -> Decision {
        attempts += 1
        let delay: Duration
        switch outcome {
        case .success:
            return .done
        case .status(429, let retryAfter):
            if let retryAfter, retryAfter >= 0 {
                delay = .milliseconds(Int64((retryAfter * 1000).rounded(.up)))
                if delay > policy.maxRetryAfter { return .fail }
            } else {
                delay = backoff(random: random)
            }
        case .status(let code, _) where Self.retriedStatuses.contains(code):
            delay = backoff(random: random)
        case .status:
            return .fail
        case .connectionFailed:
            delay = backoff(random: random)
        }
        guard attempts < policy.maxAttempts, elapsed + delay <= policy.deadline else { return .fail }
        return .retry(after: delay)
    }

    /// base·2^(n-1), capped, of which half is fixed and half random.
    private func backoff(random: Double) -> Duration {
        var d = policy.baseDelay
        for _ in 1..<max(1, attempts) where d < policy.maxDelay { d *= 2 }
        d = min(d, policy.maxDelay)
        return d / 2 + d / 2 * min(max(random, 0), 1)
    }
}
