import Testing
@testable import LTXClient

/// The retry rules, without I/O or clocks.
@Suite struct RetryStateMachineTests {
    let policy = RetryPolicy(maxAttempts: 5, deadline: .seconds(60), baseDelay: .milliseconds(500), maxDelay: .seconds(8),
                             maxRetryAfter: .seconds(30))

    @Test func rateLimitWaitsRetryAfter() {
        var m = RetryStateMachine(policy: policy)
        #expect(m.next(after: .status(429, retryAfter: 3), elapsed: .zero, random: 0.9) == .retry(after: .seconds(3)))
        #expect(m.next(after: .success, elapsed: .seconds(3), random: 0) == .done)
    }

    @Test func rateLimitWithoutRetryAfterBacksOff() {
        var m = RetryStateMachine(policy: policy)
        #expect(m.next(after: .status(429, retryAfter: nil), elapsed: .zero, random: 0) == .retry(after: .milliseconds(250)))
    }

    @Test func tooLongARetryAfterFails() {
        var m = RetryStateMachine(policy: policy)
        #expect(m.next(after: .status(429, retryAfter: 3600), elapsed: .zero, random: 0) == .fail)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsBackOffExponentiallyWithJitter(_ status: Int) {
        var m = RetryStateMachine(policy: policy)
        // Half fixed, half random: base 0.5 s doubling, capped at 8 s.
        #expect(m.next(after: .status(status, retryAfter: nil), elapsed: .zero, random: 0) == .retry(after: .milliseconds(250)))
        #expect(m.next(after: .status(status, retryAfter: nil), elapsed: .seconds(1), random: 1) == .retry(after: .seconds(1)))
        #expect(m.next(after: .status(status, retryAfter: nil), elapsed: .seconds(2), random: 0.5) == .retry(after: .milliseconds(1500)))
    }

    @Test func backoffIsCapped() {
        var m = RetryStateMachine(policy: RetryPolicy(maxAttempts: 20, deadline: .seconds(3600), baseDelay: .milliseconds(500), maxDelay: .seconds(8)))
        var last = Duration.zero
        for _ in 0..<10 {
            guard case .retry(let d) = m.next(after: .connectionFailed, elapsed: .zero, random: 1) else { Issue.record("gave up"); return }
            last = d
        }
        #expect(last == .seconds(8))
    }

    @Test(arguments: [400, 401, 402, 403, 404, 413, 422])
    func clientErrorsAreNeverRetried(_ status: Int) {
        var m = RetryStateMachine(policy: policy)
        #expect(m.next(after: .status(status, retryAfter: 1), elapsed: .zero, random: 0) == .fail)
        #expect(m.attempts == 1)
    }

    @Test func attemptsAreBounded() {
        var m = RetryStateMachine(policy: policy)
        var decisions: [RetryStateMachine.Decision] = []
        for _ in 0..<5 { decisions.append(m.next(after: .connectionFailed, elapsed: .zero, random: 0)) }
        #expect(decisions.dropLast().allSatisfy { if case .retry = $0 { true } else { false } })
        #expect(decisions.last == .fail)
    }

    @Test func deadlineIsRespected() {
        var m = RetryStateMachine(policy: policy)
        #expect(m.next(after: .status(429, retryAfter: 20), elapsed: .seconds(45), random: 0) == .fail)
    }
}
