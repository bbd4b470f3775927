import LTXMedia

/// `image_uri` of image-to-video and audio-to-video: PNG, JPEG or WEBP.
enum ImageRules {
    static let formats: [ContainerFormat] = [.png, .jpeg, .webp]

    static func evaluate(_ m: MediaInfo) -> [Finding] {
        let required = Format.list(formats.map(\.displayName))
        if m.kind == .image && formats.contains(m.container) {
            let v = m.primaryVideo!
            return [.pass(.imageFormat, actual: "\(m.container.displayName) \(v.displayWidth)x\(v.displayHeight)", required: required)]
        }
        let actual = m.kind == .image ? VideoRules.containerName(m) : "a \(m.kind.rawValue) file (\(VideoRules.containerName(m)))"
        let fix = m.kind == .audio ? "none: this needs an image" : "convert to PNG" + (m.kind == .video ? " (first frame)" : "")
        return [Finding(rule: .imageFormat, severity: .error, actual: actual, required: required,
                        fix: fix, fixAction: m.kind == .audio ? .unfixable : .convertImage)]
    }
}
