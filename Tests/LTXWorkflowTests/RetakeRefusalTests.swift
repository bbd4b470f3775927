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
        #expect(request(.ltx, model: "ltx-2-pro").refusal == "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro")
        #expect(request(.ltx, model: "ltx-2-5-pro").refusal?.contains("ltx-2-3-pro") == true)
    }

    @Test func segmindTakesNoUploadAndNoModel() {
        #expect(request(.segmind).refusal == nil)
        #expect(request(.segmind, delivery: .url).refusal == nil)
        #expect(request(.segmind, delivery: .upload).refusal == "Segmind takes a data URI or an https URL, not an upload")
        #expect(request(.segmind, model: "ltx-2-pro").refusal == "Segmind's retake takes no --model")
        // The delivery is named first when both are wrong.
        #expect(WholeRetakeRequest.refusal(provider: .segmind, delivery: .upload, model: "m") == "Segmind takes a data URI or an https URL, not an upload")
    }

    /// A Swift program gets the same refusal from the workflow, before its (missing) input is read.
    @Test func theWorkflowRefusesBeforeReading() async {
        do {
            _ = try await WholeRetake.plan(request(.segmind, model: "ltx-2-pro"))
            Issue.record("Segmind's retake planned with a model")
        } catch {
            guard case .unusable(let why) = error else { Issue.record("\(error)"); return }
            #expect(why == "Segmind's retake takes no --model")
        }
    }
}
