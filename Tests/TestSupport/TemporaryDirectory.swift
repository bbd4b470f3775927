import Foundation

/// A fresh folder under the system's temporary directory, one per test suite instance.
public enum TemporaryDirectory {
    public static func make(_ prefix: String) -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
