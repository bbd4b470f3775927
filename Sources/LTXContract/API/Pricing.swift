

/// The documented price list (ltx-api-docs.md, Pricing), in dollars per second.
public enum Pricing {
    /// text-to-video and image-to-video: per second of output.
    static let generation: [String: [String: Double]] = [
        "ltx-2-fast": ["1920x1080": 0.04, "2560x1440": 0.08, "3840x2160": 0.16],
        "ltx-2-pro": ["1920x1080": 0.06, "2560x1440": 0.12, "3840x2160": 0.24],
    ]
    /// retake and audio-to-video: per second of input, ltx-2-pro at 1080p.
    static let retakePerInputSecond = 0.10
    static let audioToVideoPerInputSecond = 0.10

    public struct Estimate: Sendable, Equatable, Codable, CustomStringConvertible {
        public var dollars: Double
        public var seconds: Double
        public var dollarsPerSecond: Double
        /// `input` or `output`: what the seconds are of.
        public var basis: String

        public var description: String {
            "$\(Pricing.format(dollars)) (\(Pricing.format(seconds, places: 3)) s of \(basis) at $\(Pricing.format(dollarsPerSecond))/s)"
        }
    }

    /// Nil when the docs give no price (Segmind, an undocumented model or resolution).
    public static func estimate(endpoint: Endpoint, provider: Provider, model: String? = nil, resolution: String? = nil,
                                seconds: Double) -> Estimate? {
        guard provider == .ltx else { return nil }
        switch endpoint {
        case .retake:
            return Estimate(dollars: seconds * retakePerInputSecond, seconds: seconds, dollarsPerSecond: retakePerInputSecond, basis: "input")
        case .audioToVideo:
            return Estimate(dollars: seconds * audioToVideoPerInputSecond, seconds: seconds,
                            dollarsPerSecond: audioToVideoPerInputSecond, basis: "input")
        case .textToVideo, .imageToVideo:
            guard let model, let resolution, let rate = generation[model]?[resolution] else { return nil }
            return Estimate(dollars: seconds * rate, seconds: seconds, dollarsPerSecond: rate, basis: "output")
        }
    }

    public static func format(_ x: Double, places: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let cents = Int64((x * scale).rounded())
        let whole = cents / Int64(scale), frac = cents % Int64(scale)
        var f = String(frac)
        while f.count < places { f = "0" + f }
        return places == 0 ? String(whole) : "\(whole).\(f)"
    }
}
