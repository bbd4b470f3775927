/// One retry about to wait: what failed, where, and when the next attempt
/// starts. Given to the observer of `LTXAPIClient.reportingRetries(to:)` before
/// the wait, so a dead API or a wrong port is said at once rather than after
/// every attempt has run out.
public struct RetryNotice: Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    public var stage: CallStage
    /// `scheme://host[:port]` the attempt went to (the API, the storage's host, a result's host).
    public var target: String
    /// True when no connection opened (refused, no answer in time, no such host).
    public var connecting: Bool
    /// Why, shortly: "connection refused", "HTTP 503 ...".
    public var reason: String
    /// The wait before the next attempt.
    public var delay: Duration
    /// The attempt that starts after the wait (from 2), of at most `maxAttempts`.
    public var nextAttempt: Int
    public var maxAttempts: Int

    public init(stage: CallStage, target: String, connecting: Bool, reason: String, delay: Duration, nextAttempt: Int, maxAttempts: Int) {
        self.stage = stage
        self.target = target
        self.connecting = connecting
        self.reason = reason
        self.delay = delay
        self.nextAttempt = nextAttempt
        self.maxAttempts = maxAttempts
    }

    /// "connecting to http://127.0.0.1:9 failed (connection refused), retrying in 4 s (2 of 5)", or for an
    /// answer: "getting the upload URL: HTTP 503 ..., retrying in 1.2 s (2 of 5)".
    public var description: String {
        let head = connecting ? "connecting to \(target) failed (\(reason))" : "\(stage.rawValue): \(reason)"
        return head + ", retrying in \(Self.seconds(delay)) (\(nextAttempt) of \(maxAttempts))"
    }

    /// Tenths of a second, trailing ".0" dropped: the jitter makes most waits fractional.
    public static func seconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        let tenths = (s * 10 + (atto + 50_000_000_000_000_000) / 100_000_000_000_000_000)
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
