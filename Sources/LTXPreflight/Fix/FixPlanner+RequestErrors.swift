extension FixPlanner {
    /// The errors no fix of the file can mend, so the request must change (a
    /// prompt too long, a section out of range, a file too big for its
    /// delivery). A file too big is not one when the plan cuts a window from
    /// it: the window is what is sent, and it is re-encoded to fit if it must.
    /// Nor when `deliveryCanChange` is false (Segmind takes no upload): then
    /// re-encoding to fit is the only way, and the plan does it.
    public static func requestErrors(_ report: CheckReport, options: FixOptions = FixOptions(), deliveryCanChange: Bool = true) -> [Finding] {
        let errors = report.findings.filter { $0.severity == .error && $0.fixAction == .changeRequest }
        guard errors.contains(where: { $0.rule == .deliverySize }) else { return errors }
        let cutsAWindow = { if case .success(let plan) = plan(report, options: options) { plan.window != nil } else { false } }
        return !deliveryCanChange || cutsAWindow() ? errors.filter { $0.rule != .deliverySize } : errors
    }
}
