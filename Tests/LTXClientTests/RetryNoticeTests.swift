import LTXClient
import LTXContract
import Synchronization
import Testing

/// Each retry is told before its wait; a refused connection is retried by
/// the client's own policy, once per attempt (not re-dialled inside
/// AsyncHTTPClient's pool until its connect time-out).
@Suite struct RetryNoticeTests {
    @Test func aRefusedConnectionIsToldOncePerRetry() async throws {
        // Port 9 (discard): nothing listens on loopback there.
        let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: "k", baseURL: "http://127.0.0.1:9", environment: [:])
        let notices = Mutex<[RetryNotice]>([])
        let client = LTXAPIClient(configuration: configuration, sleep: { _ in })
            .reportingRetries { notice in notices.withLock { $0.append(notice) } }
        do {
            _ = try await client.upload(file: "/dev/null", contentType: "video/mp4")
            Issue.record("reached a closed port")
        } catch {
            guard case .connection(let why, let attempts, let stage) = error else { Issue.record("\(error)"); return }
            #expect(why == "connection refused" && attempts == 5 && stage == .uploadURL)
        }
        let told = notices.withLock { $0 }
        #expect(told.map(\.nextAttempt) == [2, 3, 4, 5])
        #expect(told.allSatisfy { $0.connecting && $0.target == "http://127.0.0.1:9" && $0.reason == "connection refused" && $0.stage == .uploadURL })
    }

    @Test func linesSayWhereWhyAndWhen() {
        let refused = RetryNotice(stage: .generation, target: "http://127.0.0.1:9", connecting: true, reason: "connection refused",
                                  delay: .seconds(4), nextAttempt: 2, maxAttempts: 5)
        #expect(refused.description == "connecting to http://127.0.0.1:9 failed (connection refused), retrying in 4 s (2 of 5)")
        let answered = RetryNotice(stage: .polling, target: "https://api.ltx.video", connecting: false, reason: "HTTP 503",
                                   delay: .milliseconds(1_234), nextAttempt: 3, maxAttempts: 5)
        #expect(answered.description == "polling the job: HTTP 503, retrying in 1.2 s (3 of 5)")
    }
}
