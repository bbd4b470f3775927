extension Catalogue {
    // MARK: prices, dollars per second [§7]

    /// text/image-to-video, per second of output, by model and tier.
    public static let generationPrices: [String: [String: Double]] = [
        "ltx-2-5-fast": ["720p": 0.09, "1080p": 0.13, "1440p": 0.19, "4K": 0.30],
        "ltx-2-5-pro": ["720p": 0.12, "1080p": 0.17, "1440p": 0.25, "4K": 0.39],
        "ltx-2-3-fast": ["720p": 0.03, "1080p": 0.06, "1440p": 0.12, "4K": 0.24],
        "ltx-2-3-pro": ["720p": 0.04, "1080p": 0.08, "1440p": 0.16, "4K": 0.32],
    ]

    /// audio-to-video, per second of input audio; cells the docs do not give are absent.
    public static let audioToVideoPrices: [String: [String: Double]] = [
        "ltx-2-3-pro": ["720p": 0.06, "1080p": 0.10, "1440p": 0.18, "4K": 0.34],
        "ltx-2-5-fast": ["720p": 0.09, "1080p": 0.13],
        "ltx-2-5-pro": ["1080p": 0.17],
    ]

    /// retake, per second of the whole input video (ltx-2-3-pro, 1080p; the only price given).
    public static let retakePrices: [String: [String: Double]] = ["ltx-2-3-pro": ["1080p": 0.10]]

    /// extend, per second of extension plus context, billed frames capped at 505 (ltx-2-3-pro, 1080p; the only price given:
    /// the answer keeps the size of the context sent, so a smaller or larger one is price unknown).
    public static let extendPrices: [String: [String: Double]] = ["ltx-2-3-pro": ["1080p": 0.10]]

    /// reframe, per second of input video, by the output's tier (720p only is given).
    public static let reframePrices: [String: Double] = ["720p": 0.10]

    /// The tiers `endpoint` is priced by, each with a resolution of it as
    /// `Pricing.estimate` takes it: a retake answers at 1080p only (1920x1080
    /// or 1080x1920), a reframe makes 720p and 1080p sizes; the others any tier
    /// (an extend's answer is as large as its input).
    public static func pricedTiers(_ endpoint: Endpoint) -> [(tier: String, resolution: String)] {
        let offered: [String] = switch endpoint {
        case .retake: ["1080p"]
        case .reframe: ["720p", "1080p"]
        // HDR's own tiers: "1080p" is everything up to 1920x1080, 720p included.
        case .hdr: HDR.tiers.map { $0.name }
        case .textToVideo, .imageToVideo, .audioToVideo, .extend: tiers.map(\.name)
        }
        return tiers.filter { offered.contains($0.name) }.map { ($0.name, $0.landscape) }
    }

    /// The price per second of `endpoint` with `model` at `resolution`; nil: price unknown.
    public static func price(_ endpoint: Endpoint, model: String, resolution: String) -> Double? {
        if endpoint == .reframe { return Reframe.tier(resolution).flatMap { reframePrices[$0] } }
        if endpoint == .hdr {
            let wh = resolution.split(separator: "x").compactMap { Int($0) }
            return wh.count == 2 ? HDR.tier(width: wh[0], height: wh[1]).flatMap { HDR.prices[$0.name] } : nil
        }
        guard let tier = tier(resolution) else { return nil }
        switch endpoint {
        case .textToVideo, .imageToVideo: return generationPrices[model]?[tier.name]
        case .audioToVideo: return audioToVideoPrices[model]?[tier.name]
        case .retake: return retakePrices[model]?[tier.name]
        case .extend: return extendPrices[model]?[tier.name]
        case .reframe, .hdr: return nil
        }
    }
}
