import Synchronization

/// A 429's `Retry-After` holds back every paid call that shares the client,
/// not only the one that got it: a batch slows down as a whole instead of
/// each call finding the limit on its own.
final class RateGate: Sendable {
    private let notBefore = Mutex<ContinuousClock.Instant?>(nil)

    func hold(for delay: Duration) {
        let until = ContinuousClock.now + delay
        notBefore.withLock { current in
            if current.map({ $0 < until }) ?? true { current = until }
        }
    }

    /// Waits until the latest hold has passed.
    func wait(sleep: @Sendable (Duration) async throws -> Void) async throws {
        while let until = notBefore.withLock({ $0 }), until > .now {
            try await sleep(until - .now)
        }
    }
}
