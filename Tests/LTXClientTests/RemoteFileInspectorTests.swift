import HTTPTypes
import Hummingbird
import Logging
import LTXContract
import NIOCore
import Testing
@testable import LTXClient

/// `HEAD` against a real server on a random loopback port: what a file
/// host says is what the URL rules get.
@Suite struct RemoteFileInspectorTests {
    @Test func readsStatusSizeAndRedirect() async throws {
        // A generous deadline: the suite runs encodes beside this test on a 2-core
        // machine, and a loopback HEAD once took over the default 10 s there.
        @Sendable func inspect(_ url: String) async throws -> RemoteFile { try await RemoteFileInspector.inspect(url, timeout: .seconds(120)) }
        try await LoopbackHost.run { base in
            let clip = try await inspect("\(base)/clip.mp4")
            #expect(clip == RemoteFile(status: 200, contentLength: 31537))
            // Not followed: the API follows no redirects, so neither does the check.
            let moved = try await inspect("\(base)/moved.mp4")
            #expect(moved.status == 301 && moved.location == "https://cdn.example.com/clip.mp4")
            #expect(try await inspect("\(base)/private.mp4").status == 403)
            #expect(try await inspect("\(base)/nohead.mp4").status == 405)
            #expect(try await inspect("\(base)/none.mp4").status == 404)
        }
    }

    @Test func unreachableHostIsAConnectionError() async throws {
        // Port 9 (discard): nothing listens there. AsyncHTTPClient retries a
        // refused connection until the deadline, so the deadline is short.
        do {
            _ = try await RemoteFileInspector.inspect("http://127.0.0.1:9/clip.mp4", timeout: .seconds(1))
            Issue.record("reached a closed port")
        } catch {
            guard case .connection = error else { Issue.record("\(error)"); return }
        }
    }
}
