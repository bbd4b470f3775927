import LTXMedia
import LTXPreflight

/// What a fix output's name must end with: the format the plan writes, so a
/// player or the API never meets an MP4 called `.mkv`.
enum OutputName {
    /// Nil when `output`'s extension fits; else the format and extensions that would.
    static func refusal(plan: FixPlan, input: ContainerFormat, output: String) -> String? {
        let allowed: (String, [String])
        switch plan.output {
        case .mp4: allowed = ("MP4", ["mp4", "m4v"])
        case .m4a: allowed = ("M4A", ["m4a"])
        case .png: allowed = ("PNG", ["png"])
        case .unchanged: allowed = (input.displayName + " (the input, unchanged)", extensions(input))
        }
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let ext = name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        guard !allowed.1.isEmpty, !allowed.1.contains(ext) else { return nil }
        return "\(allowed.0) (." + allowed.1.joined(separator: ", .") + ")"
    }

    /// The usual extensions of a container; empty when any will do.
    static func extensions(_ c: ContainerFormat) -> [String] {
        switch c {
        case .mp4: ["mp4", "m4v"]
        case .mov: ["mov", "qt"]
        case .m4a: ["m4a", "mp4"]
        case .mkv: ["mkv"]
        case .webm: ["webm"]
        case .wav: ["wav"]
        case .mp3: ["mp3"]
        case .ogg: ["ogg", "oga", "opus"]
        case .flac: ["flac"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .webp: ["webp"]
        default: []
        }
    }
}
