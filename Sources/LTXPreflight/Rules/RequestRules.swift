import LTXMedia

/// The request's own parameters: the retake section and the prompt.
enum RequestRules {
    static func section(_ s: RetakeSection, videoDuration: Double) -> [Finding] {
        var findings: [Finding] = []
        let minimum = APILimits.sectionMinDuration
        let requiredDuration = "at least \(Format.seconds(minimum))"
        findings.append(s.duration >= minimum
            ? .pass(.sectionDuration, actual: Format.seconds(s.duration), required: requiredDuration)
            : Finding(rule: .sectionDuration, severity: .error, actual: Format.seconds(s.duration), required: requiredDuration,
                      fix: "ask for a section of at least \(Format.seconds(minimum))", fixAction: .changeRequest))

        let requiredStart = "from 0 to before the video's end (\(Format.seconds(videoDuration)))"
        guard s.start >= 0, s.start < videoDuration else {
            findings.append(Finding(rule: .sectionStart, severity: .error, actual: Format.seconds(s.start), required: requiredStart,
                                    fix: "start the section inside the video", fixAction: .changeRequest))
            return findings
        }
        findings.append(.pass(.sectionStart, actual: Format.seconds(s.start), required: requiredStart))

        let requiredEnd = "ends by the video's end (\(Format.seconds(videoDuration)))"
        guard s.end > videoDuration, let clamped = s.clamped(toVideoDuration: videoDuration) else {
            findings.append(.pass(.sectionClamp, actual: "ends at \(Format.seconds(s.end))", required: requiredEnd))
            return findings
        }
        // The API clamps rather than rejects; it only fails if what is left is too short.
        let short = clamped.duration < minimum && s.duration >= minimum
        findings.append(Finding(
            rule: .sectionClamp, severity: short ? .error : .warning,
            actual: "ends at \(Format.seconds(s.end)); the API clamps it to \(Format.seconds(clamped.start))–\(Format.seconds(clamped.end)) (\(Format.seconds(clamped.duration)))",
            required: requiredEnd + (short ? ", leaving at least \(Format.seconds(minimum))" : ""),
            fix: "end the section at \(Format.seconds(videoDuration)) or earlier", fixAction: .changeRequest))
        return findings
    }

    static func prompt(_ prompt: String) -> Finding {
        // Unicode scalars, not grapheme clusters: the stricter count.
        let n = prompt.unicodeScalars.count
        let required = "at most \(APILimits.promptMaxCharacters) characters"
        if n <= APILimits.promptMaxCharacters { return .pass(.promptLength, actual: "\(n) characters", required: required) }
        return Finding(rule: .promptLength, severity: .error, actual: "\(n) characters", required: required,
                       fix: "shorten the prompt by \(n - APILimits.promptMaxCharacters) characters", fixAction: .changeRequest)
    }
}
