import LTXPreflight

/// `fix --plan --json`: the file, whether it conforms as it is, and the plan.
public struct FixPlanReport: Encodable, Sendable {
    public var file: String
    public var conformant: Bool
    public var plan: FixPlan

    /// From the check the plan was made from (`Fixer.plan`).
    public init(_ report: CheckReport, plan: FixPlan) {
        file = report.file
        conformant = report.conformant
        self.plan = plan
    }
}
