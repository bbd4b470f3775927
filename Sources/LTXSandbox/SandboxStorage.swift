import LTXSystem

extension SandboxConfiguration {
    /// A new folder under /tmp for a sandbox's storage; pair it with
    /// `removeStorageOnExit`. Nil when none can be made.
    public static func temporaryStorage() -> String? {
        try? LocalFiles.makeTemporaryFolder(prefix: "/tmp/ltx-sandbox-")
    }

    /// Whether `path` is an existing folder: storage is checked at start,
    /// not found missing by the first upload (a 500 on every upload).
    public static func isFolder(_ path: String) -> Bool { LocalFiles.isFolder(path) }

    /// A generation fault script as written on a command line: `429, 429c, 529`
    /// (429c: the concurrency limit's 429); nil unless every item is one.
    public static func faults(_ list: String) -> [SandboxFault]? {
        let parsed = list.split(separator: ",").map { SandboxFault($0) }
        guard parsed.allSatisfy({ $0 != nil }) else { return nil }
        return parsed.compactMap { $0 }
    }

    /// A fault script as written on a command line, `429, 503` as [429, 503];
    /// nil unless every item is an HTTP status (100 to 599).
    public static func statuses(_ list: String) -> [Int]? {
        let parsed = list.split(separator: ",").map { Int($0.filter { $0 != " " }) }
        guard parsed.allSatisfy({ $0.map { (100...599).contains($0) } ?? false }) else { return nil }
        return parsed.compactMap { $0 }
    }
}
