/// The committed media in `fixtures/`, found from this file's location.
public enum Fixtures {
    public static let directory: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/TestSupport/Fixtures.swift
        return parts.joined(separator: "/") + "/fixtures"
    }()

    public static func path(_ name: String) -> String { "\(directory)/\(name)" }
}
