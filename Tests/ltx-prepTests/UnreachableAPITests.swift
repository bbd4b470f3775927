import Foundation
import LTXClient
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A dead API or a wrong port: each retry said on stderr as it happens, and
/// the command gives up after the policy's attempts with exit 4. (It used to
/// wait 5 × 90 s in silence: AsyncHTTPClient's pool re-dialled a refused
/// port until its 90 s connect time-out, once per attempt.) Nothing here is
/// timed: the counts of attempts and lines say the pool no longer retries on
/// its own, and the bound is checked as arithmetic on the policy.
@Suite struct UnreachableAPITests {
    let dir = TemporaryDirectory.make("ltx-unreachable")

    /// A loopback port nothing listens on: bound by the kernel, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The lines a run printed about retrying a refused connection to `base`, with the attempt each announces.
    static func retryLines(_ stderr: String, _ base: String) -> [Int] {
        stderr.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("connecting to \(base) failed (connection refused), retrying in "),
                  let open = line.lastIndex(of: "("), line.hasSuffix(" of 5)") else { return nil }
            return Int(line[line.index(after: open)...].prefix { $0.isNumber })
        }
    }

    @Test func retakeSaysEachRetryAndGivesUpWithExit4() async throws {
        let base = "http://127.0.0.1:\(try Self.closedPort())"
        let r = try await BinaryRunner.run(["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "--prompt", "x",
                                            "-o", "\(dir)/out.mp4", "--yes", "--journal", "\(dir)/journal.sqlite"],
                                     environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": base])
        #expect(r.status == 4, "\(r.stderr)")
        // One line before each of attempts 2 to 5, in order, then the failure naming the step and the count.
        #expect(Self.retryLines(r.stderr, base) == [2, 3, 4, 5], "\(r.stderr)")
        #expect(r.stderrLines.last == "ltx-prep: getting the upload URL: connection failed: connection refused after 5 attempts", "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.mp4"))
    }

    /// `upload` prints the same lines (it drew only its progress before).
    @Test func uploadSaysEachRetry() async throws {
        let base = "http://127.0.0.1:\(try Self.closedPort())"
        let r = try await BinaryRunner.run(["upload", Fixtures.path("image.png")], environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": base])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(Self.retryLines(r.stderr, base) == [2, 3, 4, 5], "\(r.stderr)")
    }

    /// The bound in --help is the policy's: 5 connects of 5 s and backoffs of at most 0.5 + 1 + 2 + 4 s.
    @Test func helpSaysTheBound() async throws {
        #expect(RetryPolicy().longestUnreachableWait(connectTimeout: .seconds(5)) == .milliseconds(32_500))
        #expect(LTXAPIClient.unreachableBound == .milliseconds(32_500))
        for command in ["retake", "upload", "text-to-video"] {
            let help = try await BinaryRunner.run([command, "--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("An API that cannot be reached (a refused connection, or none within 5 s) is tried 5 times"), "\(command)")
            #expect(text.contains("given up (exit 4) within 33 s in all"), "\(command)")
        }
    }
}
