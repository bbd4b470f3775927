import LTXContract

/// `ltx-prep models`: the catalogue as one JSON object or as text, for a
/// person choosing a model or a program reading what the checks will allow.
public struct CatalogueReport: Sendable, Encodable {
    public struct EndpointModels: Sendable, Encodable {
        var name: String
        var route: String
        var models: [String]
        /// The API's default; nil when `model` is required or absent.
        var defaultModel: String?
        var modelRequired: Bool
        /// What ltx-prep sends when no model is named (nil: no model field).
        var ltxPrepDefault: String?
        /// What the price is per second of, when the catalogue prices the endpoint.
        var priceBasis: String?
        /// Model (`none` for an endpoint that takes no model) → tier →
        /// dollars per second, as an estimate charges it; null: price unknown;
        /// a tier the endpoint does not make is absent.
        var prices: [String: [String: Double?]]?
    }

    var date: String
    var source: String
    var syncRetired: String
    var defaultGenerationModel: String
    var endpoints: [EndpointModels]
    var models: [Catalogue.Model]
    var removedModels: [Catalogue.RemovedModel]
    var tiers: [Catalogue.Tier]
    var matrix: [Catalogue.Cell]
    var defaultFps: Int
    var undocumentedDurations: [Int]
    var automaticDurationModels: [String]
    /// audio-to-video: model → tier → the longest input audio, in seconds.
    var audioMaxSeconds: [String: [String: Double]]

    public init() {
        date = Catalogue.date
        source = Catalogue.source
        syncRetired = Catalogue.syncRetired
        defaultGenerationModel = Catalogue.defaultGenerationModel
        endpoints = Catalogue.endpoints.map { e in
            // What an estimate of one second charges: the table and the estimates are one function.
            let prices: [String: [String: Double?]]? = e.endpoint.map { endpoint in
                Dictionary(uniqueKeysWithValues: (e.models.isEmpty ? [nil] : e.models.map(Optional.some)).map { model in
                    (model ?? Self.noModel, Dictionary(uniqueKeysWithValues: Catalogue.pricedTiers(endpoint).map { priced in
                        (priced.tier, Pricing.estimate(endpoint: endpoint, provider: .ltx, model: model, resolution: priced.resolution,
                                                       seconds: 1)?.dollarsPerSecond)
                    }))
                })
            }
            let basis: String? = switch e.endpoint {
            case .textToVideo?, .imageToVideo?: "second of output"
            case .audioToVideo?: "second of input audio"
            case .retake?, .reframe?, .hdr?: "second of input video"
            case .extend?: "second of extension and context"
            case nil: nil
            }
            return EndpointModels(name: e.name, route: e.route, models: e.models, defaultModel: e.defaultModel, modelRequired: e.modelRequired,
                                  ltxPrepDefault: e.models.isEmpty ? nil : e.endpoint.map { Catalogue.defaultModel($0) }, priceBasis: basis,
                                  prices: prices)
        }
        models = Catalogue.models
        removedModels = Catalogue.removedModels
        tiers = Catalogue.tiers
        matrix = Catalogue.matrix
        defaultFps = Catalogue.defaultFPS
        undocumentedDurations = Catalogue.undocumentedDurations
        automaticDurationModels = Catalogue.models.filter(\.automaticDuration).map(\.id)
        audioMaxSeconds = Catalogue.audioMaxSeconds
    }

    /// The `prices` key of an endpoint that takes no model (reframe ignores it).
    static let noModel = "none"

    public var text: String {
        var lines = ["LTX API catalogue of \(date), from \(source)",
                     "Generation is async v2 only: the sync v1 routes were retired after \(syncRetired).", "",
                     "Models per endpoint (* the default sent when none is named):"]
        let width = endpoints.map(\.route.count).max() ?? 0
        for e in endpoints {
            let route = e.route.padded(width)
            let models = e.models.map { $0 == e.ltxPrepDefault ? "\($0)*" : $0 }
            let note = e.models.isEmpty ? "no model field (or ignored)"
                : e.modelRequired ? "\(models.joined(separator: ", ")) (required by the API; ltx-prep sends \(e.ltxPrepDefault ?? "-"))"
                : models.joined(separator: ", ")
            lines.append("  \(route)  \(note)")
        }
        lines.append("")
        lines.append("Removed models (refused before anything is sent):")
        for r in removedModels {
            lines.append("  \(r.id): deprecated \(r.deprecated), removed \(r.removed); use \(r.replacement)")
        }
        lines.append("")
        lines.append("text/image-to-video matrix (each tier also in portrait, e.g. 1080x1920; fps default \(defaultFps)):")
        for c in matrix {
            lines.append("  \(c.modelClass.rawValue.padded(5)) \(c.tiers.joined(separator: ", ").padded(24)) "
                         + "\(c.fps.map(String.init).joined(separator: ", ")) fps".padded(20)
                         + "\(c.durations.map(String.init).joined(separator: ", ")) s")
        }
        lines.append("  fast = \(models.filter { $0.modelClass == .fast }.map(\.id).joined(separator: ", ")); "
                     + "pro = \(models.filter { $0.modelClass == .pro }.map(\.id).joined(separator: ", "))")
        lines.append("  automatic duration (\"duration\": null): \(automaticDurationModels.joined(separator: ", ")), not with a last frame")
        lines.append("  \(undocumentedDurations.map(String.init).joined(separator: ", ")) s: accepted in practice, not documented (a warning)")
        lines.append("")
        lines.append("audio-to-video: audio of 2 s up to, by model (720p, 1080p / 1440p, 4K):")
        for model in endpoints.first(where: { $0.name == "audio-to-video" })?.models ?? [] {
            let limits = audioMaxSeconds[model] ?? [:]
            let low = limits["1080p"].map { "\(Int($0)) s" } ?? "?", high = limits["4K"].map { "\(Int($0)) s" } ?? "?"
            lines.append("    \(model.padded(14))\(low) / \(high)")
        }
        lines.append("")
        lines.append("Prices, dollars per second (? = price unknown, - = a size the endpoint does not make):")
        let tierNames = tiers.map(\.name)
        lines.append("  " + "".padded(16) + tierNames.map { $0.padded(7) }.joined())
        for e in endpoints {
            guard let prices = e.prices, let basis = e.priceBasis else { continue }
            lines.append("  \(e.name), per \(basis):")
            for model in e.models.isEmpty ? [Self.noModel] : e.models {
                let cells = tierNames.map { name -> String in
                    guard let price = prices[model]?[name] else { return "-".padded(7) }
                    return (price.map { Pricing.format($0) } ?? "?").padded(7)
                }
                lines.append("    " + (model == Self.noModel ? "(no model)" : model).padded(14) + cells.joined())
            }
        }
        return lines.map { $0.trimmingTrailingSpaces }.joined(separator: "\n")
    }
}

extension String {
    /// Left-aligned in `width` columns (never cut).
    fileprivate func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
