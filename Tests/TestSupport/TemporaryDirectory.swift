import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders for a test's files, all under one folder per test process
/// (`$TMPDIR/ltx-tests-PID`). A test leaves its files, to be looked at when
/// it fails; the folders of runs whose process has ended are removed when
/// the next run starts, so a machine that runs the suite again and again
/// keeps one run's files, not every run's (the suite writes hundreds of MB).
public enum TemporaryDirectory {
    private static let root: String = {
        let base = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix("ltx-tests-") {
            guard let pid = Int32(name.dropFirst("ltx-tests-".count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: "\(base)/\(name)")
        }
        let root = "\(base)/ltx-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }()

    public static func make(_ prefix: String) -> String {
        let d = "\(root)/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
