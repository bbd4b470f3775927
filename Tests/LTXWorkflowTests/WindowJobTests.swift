import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight
import Testing
import LTXWorkflow

/// `ltx-prep retake --window-only`: a whole-retake request's first section as one call.
@Suite struct WindowJobTests {
    let sections = [TimeWindow(start: 3, duration: 2), TimeWindow(start: 20, duration: 4)]

    @Test func theFirstSectionAloneAsSent() throws {
        let request = WholeRetakeRequest(input: "in.mp4", sections: sections, prompt: "rain", mode: .replaceVideo, model: "ltx-2-3-pro",
                                         output: "out.mp4")
        let job = request.windowJob
        #expect(job.endpoint == .retake && job.provider == .ltx && job.output == "out.mp4" && job.inputs.count == 1)
        let input = try #require(job.inputs.first)
        #expect(input.path == "in.mp4" && input.delivery == .upload && input.url == nil)
        #expect(input.check == CheckRequest(endpoint: .retake, section: RetakeSection(start: 3, duration: 2), delivery: .upload, prompt: "rain"))
        guard case .retake(let body) = job.makeRequest(["ltx://in"], []) else { Issue.record("not a retake body"); return }
        #expect(body == RetakeRequest(videoUri: "ltx://in", prompt: "rain", startTime: 3, duration: 2, mode: .replaceVideo, model: "ltx-2-3-pro"))
    }

    /// Segmind takes no upload: the window goes as a data URI unless a delivery is named.
    @Test func segmindSendsADataURI() throws {
        let job = WholeRetakeRequest(input: "in.mp4", sections: sections, provider: .segmind, output: "out.mp4").windowJob
        #expect(job.provider == .segmind && job.inputs.first?.delivery == .dataURI)
        guard case .segmindRetake(let body) = job.makeRequest(["data:video/mp4;base64,AA"], []) else { Issue.record("not Segmind's body"); return }
        #expect(body.startTime == 3 && body.duration == 2 && body.videoUri == "data:video/mp4;base64,AA")
    }
}
