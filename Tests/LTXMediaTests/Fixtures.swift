/// The committed media in `fixtures/`, found from this file's location.
enum Fixtures {
    static let directory: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/LTXMediaTests/Fixtures.swift
        return parts.joined(separator: "/") + "/fixtures"
    }()

    static func path(_ name: String) -> String { "\(directory)/\(name)" }
}
