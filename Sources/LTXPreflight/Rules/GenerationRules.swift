import LTXContract
import LTXMedia

/// A request's own parameters against the catalogue (`Catalogue`, dated):
/// the model for the endpoint, and for text/image-to-video the model ×
/// resolution × fps × duration matrix.
public enum GenerationRules {
    /// `model` for `endpoint`: an error when it was removed (naming its
    /// replacement) or is current but not taken there; a warning when the
    /// catalogue does not know it (a model newer than the catalogue may exist).
    public static func model(_ model: String, for endpoint: Endpoint) -> Finding {
        let accepted = Catalogue.entry(endpoint).models
        let required = "a model \(endpoint.rawValue) accepts (\(Format.list(accepted)))"
        if let removed = Catalogue.removed(model) {
            let replacement = accepted.contains(removed.replacement) ? removed.replacement : Catalogue.defaultModel(endpoint)
            return Finding(rule: .generationModel, severity: .error, actual: "\(model), removed on \(removed.removed)", required: required,
                           fix: "use \(replacement)", fixAction: .changeRequest)
        }
        if accepted.contains(model) { return .pass(.generationModel, actual: model, required: required) }
        if Catalogue.model(model) != nil {
            return Finding(rule: .generationModel, severity: .error, actual: model, required: required,
                           fix: "use \(Catalogue.defaultModel(endpoint))", fixAction: .changeRequest)
        }
        return Finding(rule: .generationModel, severity: .warning, actual: model,
                       required: required + " as of \(Catalogue.date)",
                       fix: "none needed if the model is newer than the catalogue: its limits are not known here", fixAction: .changeRequest)
    }

    /// The one line that refuses `model` for `endpoint`, or nil when it may be sent.
    /// A removed model gets the catalogue's own line ("… was removed on …; use …").
    public static func modelRefusal(_ model: String, for endpoint: Endpoint) -> String? {
        let finding = self.model(model, for: endpoint)
        guard finding.severity == .error else { return nil }
        if let removed = Catalogue.removed(model), Catalogue.entry(endpoint).models.contains(removed.replacement) { return removed.refusal }
        return "\(finding.actual) is not accepted by \(endpoint.rawValue): required \(finding.required); fix: \(finding.fix ?? "")"
    }

    /// text/image-to-video. `duration` nil is automatic (`duration: null`,
    /// the 2.5 models only, never with a last frame).
    public static func evaluate(model: String, resolution: String, fps: Int, duration: Int?, lastFrame: Bool = false,
                                endpoint: Endpoint = .textToVideo) -> [Finding] {
        let modelFinding = self.model(model, for: endpoint)
        guard modelFinding.severity == .pass else { return [modelFinding] }
        var findings = [modelFinding]
        let seconds = duration.map { "\($0) s" } ?? "automatic duration"
        let actual = "\(resolution) at \(fps) fps for \(seconds)"
        guard let durations = Catalogue.durations(model: model, resolution: resolution, fps: fps) else {
            findings.append(Finding(rule: .generationCombination, severity: .error, actual: actual,
                                    required: "\(model) offers \(Format.list(Catalogue.offered(model: model)))",
                                    fix: "pick one of the offered resolution and fps pairs", fixAction: .changeRequest))
            return findings
        }
        let required = "\(resolution)@\(fps) with \(model): \(Format.list(durations.map { "\($0)" })) s"
        guard let duration else {
            let automatic = Catalogue.models.filter(\.automaticDuration).map(\.id)
            if Catalogue.model(model)?.automaticDuration != true {
                findings.append(Finding(rule: .generationCombination, severity: .error, actual: "\(actual) with \(model)",
                                        required: "automatic duration with \(Format.list(automatic)); \(required)",
                                        fix: "give a duration of \(Format.list(durations.map { "\($0)" })) s, or use \(automatic.first ?? "a 2.5 model")",
                                        fixAction: .changeRequest))
            } else if lastFrame {
                findings.append(Finding(rule: .generationCombination, severity: .error, actual: "\(actual) with a last frame",
                                        required: "a fixed duration with last_frame_uri (\(Format.list(durations.map { "\($0)" })) s)",
                                        fix: "give a duration, or drop the last frame", fixAction: .changeRequest))
            } else {
                findings.append(.pass(.generationCombination, actual: actual, required: "at most \(durations.max() ?? 0) s, the API's choice"))
            }
            return findings
        }
        if durations.contains(duration) {
            findings.append(.pass(.generationCombination, actual: actual, required: required))
        } else if Catalogue.undocumentedDurations.contains(duration) {
            findings.append(Finding(rule: .generationCombination, severity: .warning, actual: actual,
                                    required: required + " (\(duration) s is accepted in practice, not documented)",
                                    fix: "use a duration of \(durations.min() ?? 6) s to stay within the documented matrix", fixAction: .changeRequest))
        } else {
            let nearest = durations.min { abs($0 - duration) < abs($1 - duration) }!
            findings.append(Finding(rule: .generationCombination, severity: .error, actual: actual, required: required,
                                    fix: "use a duration of \(nearest) s", fixAction: .changeRequest))
        }
        return findings
    }

    /// `prompt`: at most 5000 characters on every endpoint.
    public static func prompt(_ prompt: String) -> Finding { RequestRules.prompt(prompt) }

    /// The first error of `findings` as one line in the check's style
    /// (rule, actual, required, fix), or nil.
    public static func refusal(_ findings: [Finding]) -> String? {
        guard let bad = findings.first(where: { $0.severity == .error }) else { return nil }
        return "\(bad.rule.rawValue): \(bad.actual); required: \(bad.required)" + (bad.fix.map { "; fix: \($0)" } ?? "")
    }
}
