/// The committed media in `fixtures/`, found from this file's location.
public enum Fixtures {
    /// The checkout this file is in.
    public static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/TestSupport/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    public static let directory = repositoryRoot + "/fixtures"

    public static func path(_ name: String) -> String { "\(directory)/\(name)" }
}
