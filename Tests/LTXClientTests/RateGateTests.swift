import Synchronization
import Testing
@testable import LTXClient

/// One 429 holds back every paid call of the client until its Retry-After has passed.
@Suite struct RateGateTests {
    final class Asked: Sendable {
        let durations = Mutex<[Duration]>([])
    }
    struct Stop: Error {}

    @Test func aHoldMakesEveryCallerWaitForTheLongestOne() async throws {
        let gate = RateGate()
        let asked = Asked()
        try await gate.wait { d in asked.durations.withLock { $0.append(d) } }
        #expect(asked.durations.withLock { $0.isEmpty })  // nothing held: no wait

        gate.hold(for: .seconds(60))
        gate.hold(for: .seconds(1))  // a shorter hold does not shorten the longer one
        await #expect(throws: Stop.self) {
            try await gate.wait { d in
                asked.durations.withLock { $0.append(d) }
                throw Stop()  // the caller's sleep ends the wait early (as cancellation does)
            }
        }
        let first = try #require(asked.durations.withLock { $0.first })
        #expect(first > .seconds(59) && first <= .seconds(60))
    }
}
