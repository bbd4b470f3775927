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
        case .png where plan.imageLadder != nil: allowed = ("PNG, JPEG or WEBP", ["png", "jpg", "jpeg", "webp"])
        case .png: allowed = ("PNG", ["png"])
        case .unchanged: allowed = (input.displayName + " (the input, unchanged)", extensions(input))
        }
        guard !allowed.1.isEmpty, !allowed.1.contains(pathExtension(output)) else { return nil }
        return "\(allowed.0) (." + allowed.1.joined(separator: ", .") + ")"
    }

    /// The container a splice of an `original` writes to `output`: the
    /// original's own, unless a splice cannot write that one (a WebM cannot
    /// hold H.264 and AAC) and `output` is named for MP4, MOV or MKV.
    static func spliceContainer(original: ContainerFormat, output: String) -> ContainerFormat {
        guard SpliceWriter.refusal(for: original) != nil else { return original }
        return [ContainerFormat.mp4, .mov, .mkv].first { isOwnKind(output, of: $0) } ?? original
    }

    /// `output`'s extension is one `container`'s files take (`.mov` for a MOV).
    static func isOwnKind(_ output: String, of container: ContainerFormat) -> Bool {
        extensions(container).contains(pathExtension(output))
    }

    /// Nil when `output`'s extension names the image format written.
    static func refusal(image format: ImageEncoding.Format, output: String) -> String? {
        let container = container(of: format)
        let allowed = extensions(container)
        guard !allowed.contains(pathExtension(output)) else { return nil }
        return "\(container.displayName) (." + allowed.joined(separator: ", .") + ")"
    }

    /// The image encodings to try for `output`: from the first of the format
    /// its name asks for (a name asking for JPEG skips PNG); all of them
    /// when the name does not matter (nil) or names none.
    static func ladder(_ ladder: [ImageEncoding], output: String?) -> [ImageEncoding] {
        guard let output else { return ladder }
        let ext = pathExtension(output)
        guard let first = ladder.firstIndex(where: { extensions(container(of: $0.format)).contains(ext) }) else { return ladder }
        return Array(ladder[first...])
    }

    private static func container(of format: ImageEncoding.Format) -> ContainerFormat {
        switch format { case .png: .png; case .jpeg: .jpeg; case .webp: .webp }
    }

    private static func pathExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
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
