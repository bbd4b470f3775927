import Foundation
import Testing
import TestSupport

/// What the tests run their children with: both pipes drained at once.
@Suite struct ChildProcessTests {
    /// A child that fills its stderr pipe (64 KiB) before it writes to stdout
    /// ends, and all of both is kept (read one pipe to its end, then the
    /// other, and neither side moves again: the test then never ends). No time
    /// limit: in a whole-suite run a one-minute limit was passed while the
    /// machine was busy with the other tests.
    @Test func aFullStderrPipeDoesNotStallTheChild() async throws {
        let r = try await ChildProcess.tool("/bin/sh", ["-c", "head -c 200000 /dev/zero | tr '\\0' e >&2; echo out"])
        #expect(r.status == 0)
        #expect(r.stdout == "out\n")
        #expect(r.stderr.utf8.count == 200_000 && r.stderr.allSatisfy { $0 == "e" })
    }
}
