import Foundation
import LTXContract
import Testing
@testable import LTXWorkflow

/// `ltx-prep models` shows what the estimates charge: its table is read from
/// `Pricing.estimate`, not from a second reading of the catalogue.
@Suite struct CatalogueReportTests {
    static var endpoints: [[String: Any]] {
        let report = try? JSONSerialization.jsonObject(with: Data(JSONOutput.line(CatalogueReport()).utf8)) as? [String: Any]
        return report?["endpoints"] as? [[String: Any]] ?? []
    }

    /// Every cell shown, endpoint by model by tier, is the estimate of one
    /// second at a resolution of that tier (null where the estimate is
    /// "price unknown"); a tier the endpoint does not make is not shown.
    @Test func everyPriceShownIsWhatAnEstimateOfOneSecondCharges() throws {
        var cells = 0
        for e in Self.endpoints {
            guard let name = e["name"] as? String, let endpoint = Endpoint(rawValue: name) else { continue }
            let prices = try #require(e["prices"] as? [String: [String: Any]], "\(name)")
            let priced = Catalogue.pricedTiers(endpoint)
            for (model, tiers) in prices {
                #expect(Set(tiers.keys) == Set(priced.map(\.tier)), "\(name) \(model)")
                for (tier, resolution) in priced {
                    let estimate = Pricing.estimate(endpoint: endpoint, provider: .ltx, model: model == CatalogueReport.noModel ? nil : model,
                                                    resolution: resolution, seconds: 1)
                    let shown = tiers[tier]
                    if let estimate { #expect(shown as? Double == estimate.dollars, "\(name) \(model) \(tier)") } else { #expect(shown is NSNull, "\(name) \(model) \(tier)") }
                    cells += 1
                }
            }
        }
        // text/image-to-video 4 models x 4 tiers each, audio-to-video 3 x 4, retake 1, extend 4, reframe 2,
        // hdr 3 (its own tiers: up to 1080p, 1440p, 4K).
        #expect(cells == 32 + 12 + 1 + 4 + 2 + 3)
    }

    /// The docs price retake at 1080p (the only size it answers at), extend
    /// at 1080p (its answer keeps the size sent), reframe at 720p: so do the
    /// table and the estimates, and an extend sent at 720p is price unknown.
    @Test func retakeExtendAndReframeAsTheDocsPriceThem() throws {
        func prices(_ name: String) -> [String: [String: Any]]? { Self.endpoints.first { $0["name"] as? String == name }?["prices"] as? [String: [String: Any]] }
        #expect(prices("retake")?["ltx-2-3-pro"]?.keys.sorted() == ["1080p"])
        #expect(prices("retake")?["ltx-2-3-pro"]?["1080p"] as? Double == 0.10)
        #expect(prices("extend")?["ltx-2-3-pro"]?["1080p"] as? Double == 0.10)
        #expect(prices("extend")?["ltx-2-3-pro"]?["720p"] is NSNull)
        #expect(Pricing.estimate(endpoint: .extend, provider: .ltx, resolution: "1280x720", seconds: 4) == nil)
        let reframe = try #require(prices("video-to-video-reframe")?["none"])
        #expect(reframe["720p"] as? Double == 0.10 && reframe["1080p"] is NSNull && reframe.count == 2)
        let hdr = try #require(prices("video-to-video-hdr")?["none"])
        #expect(hdr["1080p"] as? Double == 0.20 && hdr["1440p"] is NSNull && hdr["4K"] as? Double == 0.80 && hdr.count == 3)
        #expect(Catalogue.tier(width: 1920, height: 1080)?.name == "1080p" && Catalogue.tier(width: 640, height: 360)?.name == "720p"
                && Catalogue.tier(width: 1088, height: 1920)?.name == "1440p")
    }
}
