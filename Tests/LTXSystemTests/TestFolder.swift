import Foundation
import TestSupport

/// A test's own folder, and files made in it.
struct TestFolder {
    let path: String

    init(_ prefix: String) { path = TemporaryDirectory.make(prefix) }

    /// Writes `text` to `name` in the folder; returns its path.
    func file(_ name: String, _ text: String = "x") throws -> String {
        let file = "\(path)/\(name)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// The typed error `body` threw, nil when it returned.
func caught<E: Error>(_ body: () throws(E) -> Void) -> E? {
    do { try body(); return nil } catch { return error }
}
