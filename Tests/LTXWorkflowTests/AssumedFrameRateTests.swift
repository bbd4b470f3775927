import LTXContract
import LTXMedia
import Testing
@testable import LTXPreflight
@testable import LTXWorkflow

/// A video whose frame rate is not known is reckoned at one rate, the API's
/// default 24 fps, by the planner (its copy margin), the fixer (the frames a
/// window should hold, the padding's length) and the answer check (its slack).
/// Before, the fixer took 25: a 2.5 s window was expected to hold 63 frames
/// where the planner counted 60.
@Suite struct AssumedFrameRateTests {
    /// A stream that declares no rate.
    static let video = VideoStreamInfo(index: 0, codec: "h264", profile: "High", pixelFormat: "yuv420p", bitDepth: 8,
                                       codedWidth: 1920, codedHeight: 1080, rotation: 0, displayWidth: 1920, displayHeight: 1080,
                                       sampleAspectRatio: "1:1", frameRate: nil, frameRateFraction: nil,
                                       variableFrameRate: false, fieldOrder: "progressive", frameCount: 240,
                                       frameCountMethod: "index", duration: 10, bitRate: nil, isImage: false)

    @Test func theFallbackIsTheAPIsDefaultRate() {
        #expect(AssumedFrameRate.fallback == 24)
        #expect(AssumedFrameRate.fallback == Double(Catalogue.defaultFPS))
        #expect(AssumedFrameRate.of(nil) == 24)
        #expect(AssumedFrameRate.of(0) == 24)
        #expect(AssumedFrameRate.of(29.97) == 29.97)
    }

    /// The planner's margin for a copied window is 8 frames at 24 fps (0.333 s): a keyframe at
    /// 12.33 s leaves an 8 s window 0.003 s short of the section's end, so it is re-encoded;
    /// at 25 fps (0.32 s) the same keyframe would do.
    @Test func thePlannerCountsAnUnknownRateAsTwentyFour() {
        let plan = FixPlan(output: .mp4, operations: [], video: .copy, audio: .copy, window: TimeWindow(start: 12, duration: 8),
                           section: RetakeSection(start: 16, duration: 4))
        let unknown = FixPlanner.placeWindow(plan, keyframe: 12.33, frameRate: nil)
        #expect(unknown.video == .encode(VideoEncoding()))
        #expect(FixPlanner.placeWindow(plan, keyframe: 12.33, frameRate: 24) == unknown)
        #expect(FixPlanner.placeWindow(plan, keyframe: 12.33, frameRate: 25).video == .copy)
    }

    /// The fixer agrees: 2.5 s is 60 frames, and 12 frames of padding are 0.5 s.
    @Test func theFixerCountsAnUnknownRateAsTwentyFour() {
        let plan = FixPlan(output: .mp4, operations: [], video: .copy, audio: .copy, window: TimeWindow(start: 0, duration: 2.5))
        #expect(Fixer.expectedFrames(plan, video: Self.video) == 60)
        let padding = FixOutcome.Padding(frames: 12, of: Self.video)
        #expect(padding == FixOutcome.Padding(frames: 12, seconds: 0.5, originalFrames: 240))
    }

    /// An answer without a rate may end one frame at 24 fps short of its section (plus 2 ms).
    @Test func theAnswerCheckCountsAnUnknownRateAsTwentyFour() {
        #expect(AnswerCoverage.slack(frameRate: nil) == 1.0 / 24 + 0.002)
        #expect(AnswerCoverage.slack(frameRate: 50) == 1.0 / 50 + 0.002)
    }
}
