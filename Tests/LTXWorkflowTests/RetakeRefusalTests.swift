import LTXContract
import LTXMedia
import LTXPreflight
import Testing
import LTXWorkflow

/// What Segmind's retake cannot take is refused before anything is read.
@Suite struct RetakeRefusalTests {
    func request(_ provider: Provider, delivery: Delivery? = nil, model: String? = nil) -> WholeRetakeRequest {
        WholeRetakeRequest(input: "in.mp4", sections: [TimeWindow(start: 1, duration: 2)], model: model, provider: provider, delivery: delivery,
                           output: "out.mp4")
    }

    @Test func ltxTakesAnyDeliveryAndItsModel() {
        for delivery in [nil, Delivery.upload, .dataURI, .url] { #expect(request(.ltx, delivery: delivery, model: "ltx-2-3-pro").refusal == nil) }
        // The catalogue's line for a removed model; a current model retake does not take, named with the one it does.
        #expect(request(.ltx, model: "ltx-2-pro").refusal?.description == "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro")
        guard case .modelRefused(let line) = request(.ltx, model: "ltx-2-5-pro").refusal else { Issue.record("ltx-2-5-pro not refused"); return }
        #expect(line.contains("ltx-2-3-pro"))
    }

    @Test func segmindTakesNoUploadAndNoModel() {
        #expect(request(.segmind).refusal == nil)
        #expect(request(.segmind, delivery: .url).refusal == nil)
        guard case .providerTakesNoUpload(.segmind) = request(.segmind, delivery: .upload).refusal else { Issue.record("upload not refused"); return }
        #expect(request(.segmind, delivery: .upload).refusal?.description == "Segmind takes a data URI or an https URL, not an upload")
        guard case .providerTakesNoModel(.segmind) = request(.segmind, model: "ltx-2-pro").refusal else { Issue.record("model not refused"); return }
        #expect(request(.segmind, model: "ltx-2-pro").refusal?.description == "Segmind's retake takes no model")
        // The delivery is named first when both are wrong.
        guard case .providerTakesNoUpload = WholeRetakeRequest.refusal(provider: .segmind, delivery: .upload, model: "m") else {
            Issue.record("the model named first"); return
        }
    }

    /// A Swift program gets the same refusal from the workflow, before its (missing) input is read.
    @Test func theWorkflowRefusesBeforeReading() async {
        do {
            _ = try await WholeRetake.plan(request(.segmind, model: "ltx-2-pro"))
            Issue.record("Segmind's retake planned with a model")
        } catch {
            guard case .providerTakesNoModel(.segmind) = error else { Issue.record("\(error)"); return }
        }
    }
}
