extension Catalogue {
    // MARK: the text/image-to-video matrix [§2]

    public struct Tier: Sendable, Equatable, Codable {
        public var name: String
        public var landscape: String
        public var portrait: String
    }

    public static let tiers: [Tier] = [
        Tier(name: "720p", landscape: "1280x720", portrait: "720x1280"),
        Tier(name: "1080p", landscape: "1920x1080", portrait: "1080x1920"),
        Tier(name: "1440p", landscape: "2560x1440", portrait: "1440x2560"),
        Tier(name: "4K", landscape: "3840x2160", portrait: "2160x3840"),
    ]

    /// The tier of `WIDTHxHEIGHT`, either orientation.
    public static func tier(_ resolution: String) -> Tier? {
        tiers.first { $0.landscape == resolution || $0.portrait == resolution }
    }

    /// The smallest tier that holds a picture of `width` x `height` pixels
    /// (an extend's answer keeps the size of the context sent); nil past 4K.
    public static func tier(width: Int, height: Int) -> Tier? {
        tiers.first { t in
            let wh = t.landscape.split(separator: "x").compactMap { Int($0) }
            return wh.count == 2 && width * height <= wh[0] * wh[1]
        }
    }

    public struct Cell: Sendable, Equatable, Codable {
        public var modelClass: ModelClass
        /// Tier names.
        public var tiers: [String]
        public var fps: [Int]
        public var durations: [Int]
    }

    /// The same for 2.3 and 2.5 since 2026-09-02.
    public static let matrix: [Cell] = [
        Cell(modelClass: .fast, tiers: ["720p", "1080p"], fps: [24, 25], durations: [6, 8, 10, 12, 14, 16, 18, 20]),
        Cell(modelClass: .fast, tiers: ["720p", "1080p"], fps: [48, 50], durations: [6, 8, 10]),
        Cell(modelClass: .fast, tiers: ["1440p", "4K"], fps: [24, 25, 48, 50], durations: [6, 8, 10]),
        Cell(modelClass: .pro, tiers: ["720p", "1080p", "1440p", "4K"], fps: [24, 25, 48, 50], durations: [6, 8, 10]),
    ]

    /// 2 to 5 s are accepted in practice (LTX-Desktop sends 5 s by default)
    /// but not in the published matrix: a warning, not an error [§2].
    public static let undocumentedDurations = [2, 3, 4, 5]

    /// The API's `fps` when none is sent [§3].
    public static let defaultFPS = 24

    /// Every `fps` the API takes, the matrix's [§2] (audio-to-video, which has
    /// no matrix of its own, takes the same [§3]): 24, 25, 48, 50.
    public static let frameRates: [Int] = Set(matrix.flatMap(\.fps)).sorted()

    /// The documented durations of `model` at `resolution` and `fps`; nil
    /// when the model is not current or the pair is not offered.
    public static func durations(model: String, resolution: String, fps: Int) -> [Int]? {
        guard let m = self.model(model), let tier = tier(resolution) else { return nil }
        return matrix.first { $0.modelClass == m.modelClass && $0.tiers.contains(tier.name) && $0.fps.contains(fps) }?.durations
    }

    /// The resolution and fps pairs `model` offers, as `1920x1080@24`.
    public static func offered(model: String) -> [String] {
        guard let m = self.model(model) else { return [] }
        return matrix.filter { $0.modelClass == m.modelClass }.flatMap { cell in
            cell.tiers.flatMap { name in
                let t = tiers.first { $0.name == name }!
                return [t.landscape, t.portrait].flatMap { r in cell.fps.map { "\(r)@\($0)" } }
            }
        }
    }
}
