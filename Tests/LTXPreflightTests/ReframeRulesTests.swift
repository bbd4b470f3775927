import LTXContract
import LTXMedia
import LTXPreflight
import Testing
import TestSupport

/// reframe's `video_uri` is held to its own limits (60 s, 1800 frames), not
/// retake's 21 s and 505 frames; extend keeps retake's.
@Suite struct ReframeRulesTests {
    let clip = Fixtures.path("h264_aac_720p30_30s.mp4")

    @Test func aThirtySecondClipIsWithinReframeAndNeedsNoWindow() throws {
        let media = try MediaProbe.probeBlocking(clip)
        #expect(media.primaryVideo?.frameCount == 900)
        let reframe = try Preflight.evaluate(media, CheckRequest(endpoint: .reframe)).get()
        #expect(reframe.conformant, "\(reframe.problems)")
        #expect(reframe.findings.first { $0.rule == .videoDuration }?.required == "at most 60 s for reframe")
        #expect(reframe.findings.first { $0.rule == .videoFrameCount }?.required == "at most 1800 frames for reframe")
        // The plan copies it as it is: nothing is cut for reframe.
        let plan = try FixPlanner.plan(reframe).get()
        #expect(plan.window == nil && plan.operations.isEmpty)
        // Extend's context is still held to retake's limits.
        let extend = try Preflight.evaluate(media, CheckRequest(endpoint: .extend)).get()
        #expect(!extend.conformant)
        #expect(extend.findings.contains { $0.rule == .videoDuration && $0.severity == .error })
    }

    @Test func longerThanSixtySecondsOrEighteenHundredFramesCannotBeFixed() throws {
        var media = try MediaProbe.probeBlocking(clip)
        media.duration = 70
        if let i = media.video.indices.first {
            media.video[i].duration = 70
            media.video[i].frameCount = 2100
        }
        let report = try Preflight.evaluate(media, CheckRequest(endpoint: .reframe)).get()
        let errors = report.findings.filter { $0.severity == .error }
        #expect(Set(errors.map(\.rule)) == [.videoDuration, .videoFrameCount])
        #expect(errors.allSatisfy { $0.fixAction == .unfixable })
        guard case .failure(.unfixable(let findings)) = FixPlanner.plan(report) else {
            Issue.record("planned a fix for what reframe cannot take")
            return
        }
        #expect(findings.count == 2)
    }
}
