import LTXMedia
/// text-to-video and image-to-video: the model × resolution × fps × duration matrix.
public enum GenerationRules {
    public static func evaluate(model: String, resolution: String, fps: Int, duration: Int) -> [Finding] {
        let known = GenerationMatrix.documentedModels
        guard known.contains(model) else {
            // Model names are not a closed set (NOTES.md): newer ones exist.
            return [Finding(rule: .generationModel, severity: .warning, actual: model,
                            required: "a documented model (\(Format.list(known)))",
                            fix: "none needed if the model exists: its limits are not documented here", fixAction: .changeRequest)]
        }
        var findings = [Finding.pass(.generationModel, actual: model, required: Format.list(known))]
        let actual = "\(resolution) at \(fps) fps for \(duration) s"
        let offered = GenerationMatrix.rows.filter { $0.model == model }
        guard let durations = GenerationMatrix.durations(model: model, resolution: resolution, fps: fps) else {
            let options = offered.map { "\($0.resolution)@\($0.fps)" }
            findings.append(Finding(rule: .generationCombination, severity: .error, actual: actual,
                                    required: "\(model) offers \(Format.list(options))",
                                    fix: "pick one of the offered resolution and fps pairs", fixAction: .changeRequest))
            return findings
        }
        let required = "\(resolution)@\(fps) with \(model): \(Format.list(durations.map { "\($0)" })) s"
        if durations.contains(duration) {
            findings.append(.pass(.generationCombination, actual: actual, required: required))
        } else {
            let nearest = durations.min { abs($0 - duration) < abs($1 - duration) }!
            findings.append(Finding(rule: .generationCombination, severity: .error, actual: actual, required: required,
                                    fix: "use a duration of \(nearest) s", fixAction: .changeRequest))
        }
        return findings
    }
}
