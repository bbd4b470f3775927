/// The model × resolution × fps × duration matrix for text-to-video and
/// image-to-video (ltx-api-docs.md, Supported Models).
public enum GenerationMatrix {
    public struct Row: Sendable, Equatable {
        public var model: String
        public var resolution: String
        public var fps: Int
        public var durations: [Int]
    }

    public static let rows: [Row] = [
        Row(model: "ltx-2-fast", resolution: "1920x1080", fps: 25, durations: [6, 8, 10, 12, 14, 16, 18, 20]),
        Row(model: "ltx-2-fast", resolution: "1920x1080", fps: 50, durations: [6, 8, 10]),
        Row(model: "ltx-2-fast", resolution: "2560x1440", fps: 25, durations: [6, 8, 10]),
        Row(model: "ltx-2-fast", resolution: "2560x1440", fps: 50, durations: [6, 8, 10]),
        Row(model: "ltx-2-fast", resolution: "3840x2160", fps: 25, durations: [6, 8, 10]),
        Row(model: "ltx-2-fast", resolution: "3840x2160", fps: 50, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "1920x1080", fps: 25, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "1920x1080", fps: 50, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "2560x1440", fps: 25, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "2560x1440", fps: 50, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "3840x2160", fps: 25, durations: [6, 8, 10]),
        Row(model: "ltx-2-pro", resolution: "3840x2160", fps: 50, durations: [6, 8, 10]),
    ]

    public static var documentedModels: [String] { Array(Set(rows.map(\.model))).sorted() }

    public static func durations(model: String, resolution: String, fps: Int) -> [Int]? {
        rows.first { $0.model == model && $0.resolution == resolution && $0.fps == fps }?.durations
    }
}
