/// Estimates from the catalogue's prices (`Catalogue`, dated), in dollars per second.
public enum Pricing {
    public struct Estimate: Sendable, Equatable, Codable, CustomStringConvertible {
        public var dollars: Double
        public var seconds: Double
        public var dollarsPerSecond: Double
        /// `input` or `output`: what the seconds are of.
        public var basis: String

        private enum CodingKeys: String, CodingKey { case dollars, seconds, dollarsPerSecond, basis }

        /// Dollars as every JSON of ltx-prep carries them (`Pricing.rounded`), seconds to the millisecond.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(Pricing.rounded(dollars), forKey: .dollars)
            try c.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
            try c.encode(Pricing.rounded(dollarsPerSecond), forKey: .dollarsPerSecond)
            try c.encode(basis, forKey: .basis)
        }

        public var description: String {
            "$\(Pricing.format(dollars)) (\(Pricing.format(seconds, places: 3)) s of \(basis) at $\(Pricing.format(dollarsPerSecond))/s)"
        }
    }

    /// Nil when the catalogue gives no price ("price unknown"): Segmind, a
    /// model or resolution the docs price nowhere. retake and audio-to-video
    /// are priced per second of input at the model's tier (the default model,
    /// and 1920x1080 when no resolution is named: their default answer); an
    /// extend at the tier of the context it sends (`resolution`, 1920x1080 when
    /// not named), whose size its answer keeps; reframe by its output's size and
    /// HDR by its input's (`Catalogue.HDR.tier`), per second of input.
    public static func estimate(endpoint: Endpoint, provider: Provider, model: String? = nil, resolution: String? = nil,
                                seconds: Double) -> Estimate? {
        guard provider == .ltx else { return nil }
        let model = model ?? Catalogue.defaultModel(endpoint)
        switch endpoint {
        case .retake, .audioToVideo, .extend:
            guard let rate = Catalogue.price(endpoint, model: model, resolution: resolution ?? "1920x1080") else { return nil }
            return Estimate(dollars: seconds * rate, seconds: seconds, dollarsPerSecond: rate, basis: "input")
        case .textToVideo, .imageToVideo:
            guard let resolution, let rate = Catalogue.price(endpoint, model: model, resolution: resolution) else { return nil }
            return Estimate(dollars: seconds * rate, seconds: seconds, dollarsPerSecond: rate, basis: "output")
        case .reframe, .hdr:
            guard let resolution, let rate = Catalogue.price(endpoint, model: model, resolution: resolution) else { return nil }
            return Estimate(dollars: seconds * rate, seconds: seconds, dollarsPerSecond: rate, basis: "input")
        }
    }

    /// Dollars as JSON carries them: to a hundredth of a cent, the most a price
    /// in cents per second times seconds to the millisecond needs, without the
    /// float noise of a sum (0.6000000000000001).
    public static func rounded(_ dollars: Double) -> Double { (dollars * 10_000).rounded() / 10_000 }

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
