import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders for a test's files, all under one folder per test process
/// (`$TMPDIR/ltx-tests-PID`), removed when the process exits: a run of the
/// suite writes about 100 MB, which stayed in /tmp until the next run.
/// `LTX_KEEP_TEST_FILES=1` keeps them, to look at a failure. The folders of
/// runs that did not exit (a crash, a kill) are removed when the next run starts.
public enum TemporaryDirectory {
    private static let root: String = {
        let base = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix("ltx-tests-") {
            guard let pid = Int32(name.dropFirst("ltx-tests-".count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: "\(base)/\(name)")
        }
        let root = "\(base)/ltx-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // At exit rather than after each test: suites keep a folder in a
        // stored property, and Swift Testing has no hook after a whole run.
        if getenv("LTX_KEEP_TEST_FILES") == nil { atexit { TemporaryDirectory.removeRoot() } }
        return root
    }()

    private static func removeRoot() { try? FileManager.default.removeItem(atPath: root) }

    public static func make(_ prefix: String) -> String {
        let d = "\(root)/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
