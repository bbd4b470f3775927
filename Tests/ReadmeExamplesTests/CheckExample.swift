import LTXPreflight

/// Check a clip for a retake of 12 s to 16 s, and list what it breaks.
func listProblems(of clip: String) async throws -> [String] {
    let report = try await Preflight.check(clip, CheckRequest(section: RetakeSection(start: 12, duration: 4)))
    return report.problems.map { "\($0.rule.rawValue): \($0.actual); required: \($0.required)" }
}
