import LTXMedia
import LTXPreflight

/// Why a fix failed. Every case knows the input, and every message starts
/// with it: a user fixing many files must see which one failed, even when
/// what failed is the output (it exists, its folder is missing, the write
/// broke) or nothing was written at all.
public enum FixError: Error, Sendable, CustomStringConvertible {
    case input(MediaError)
    case plan(String, FixPlanError)
    /// The output exists and replacing it was not allowed.
    case outputExists(input: String, output: String)
    case outputIsInput(input: String, output: String)
    /// The output's extension names another format than the one written.
    case wrongExtension(input: String, output: String, expected: String)
    case write(input: String, MediaError)
    case cancelled(input: String)
    case notConformant(input: String, report: CheckReport)

    /// The file being fixed.
    public var input: String {
        switch self {
        case .input(let e): e.path ?? ""
        case .plan(let file, _): file
        case .wrongExtension(let input, _, _): input
        case .outputExists(let input, _), .outputIsInput(let input, _), .write(let input, _), .cancelled(let input),
             .notConformant(let input, _):
            input
        }
    }

    public var description: String {
        switch self {
        case .input(let e): e.description
        case .plan(let file, let e): "\(file): \(e)"
        case .outputExists(let input, let output): "\(input): the output \(output) already exists"
        case .outputIsInput(let input, let output):
            "\(input): the output \(output) is the input; the input is never modified, so name another output"
        case .write(let input, let e):
            // An error about the input (a read failing mid-transcode) already starts with it.
            e.path == input ? e.description
                : e.path == nil ? "\(input): \(e.description)"
                : "\(input): cannot write \(e.description)"
        case .cancelled(let input): "\(input): interrupted: nothing was written"
        case .wrongExtension(let input, let output, let expected):
            "\(input): the fix writes \(expected), so \(output) would misname it; name the output with that extension"
        case .notConformant(let input, let r):
            "\(input): the result still breaks " + r.problems.filter { $0.severity == .error }
                .map { "\($0.rule.rawValue) (\($0.actual); required: \($0.required))" }.joined(separator: ", ") + "; nothing was written"
        }
    }
}
