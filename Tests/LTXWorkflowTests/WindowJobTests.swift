import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight
import Testing
import TestSupport
import LTXWorkflow

/// `ltx-prep retake --window-only`: a whole-retake request's first section as
/// one call, sending the window the whole retake plans for it.
@Suite struct WindowJobTests {
    let clip = Fixtures.path("h264_aac_720p30_30s.mp4")
    let sections = [TimeWindow(start: 20.5, duration: 4), TimeWindow(start: 3, duration: 2)]

    @Test func theFirstSectionsWindowAsTheWholeRetakePlansIt() async throws {
        let request = WholeRetakeRequest(input: clip, sections: sections, prompt: "rain", mode: .replaceVideo, model: "ltx-2-3-pro", output: "out.mp4")
        let only = try await WholeRetake.windowOnly(request)
        var first = request
        first.sections = [sections[0]]
        let planned = try await WholeRetake.plan(first)
        // 18 s (the keyframe before 18.5 s) to 26.5 s, as the whole retake sends it, and its price.
        #expect(only.call == planned.calls[0] && only.call.window.start == 18 && only.call.window.end == 26.5)
        #expect(only.job.fixOptions.window == planned.calls[0].sent(clipDuration: planned.clipDuration, frameRate: planned.frameRate))
        #expect(only.job.estimate([])?.dollars == planned.estimate?.dollars)
        #expect(only.job.endpoint == .retake && only.job.provider == .ltx && only.job.output == "out.mp4" && only.job.inputs.count == 1)
        let input = try #require(only.job.inputs.first)
        #expect(input.path == clip && input.delivery == .upload && input.url == nil)
        guard case .retake(let body) = only.job.makeRequest(["ltx://in"], []) else { Issue.record("not a retake body"); return }
        #expect(body == RetakeRequest(videoUri: "ltx://in", prompt: "rain", startTime: 20.5, duration: 4, mode: .replaceVideo, model: "ltx-2-3-pro"))
    }

    /// Segmind takes no upload: the window goes as a data URI unless a delivery is named.
    @Test func segmindSendsADataURI() async throws {
        let only = try await WholeRetake.windowOnly(WholeRetakeRequest(input: clip, sections: sections, provider: .segmind, output: "out.mp4"))
        #expect(only.job.provider == .segmind && only.job.inputs.first?.delivery == .dataURI)
        guard case .segmindRetake(let body) = only.job.makeRequest(["data:video/mp4;base64,AA"], []) else { Issue.record("not Segmind's body"); return }
        #expect(body.startTime == 20.5 && body.duration == 4 && body.videoUri == "data:video/mp4;base64,AA")
    }
}
