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

    /// A copied window holds the section when its last picture starts at most 1.5 frames before the
    /// section's end: 0.0625 s at 24 fps, 0.06 s at 25. A copy whose last picture starts at 19.939 s
    /// holds a section ending at 20 s at 24 fps, and not at 25 (19.94 s at the latest).
    @Test func thePlannerCountsAnUnknownRateAsTwentyFour() {
        let plan = FixPlan(output: .mp4, operations: [], video: .copy, audio: .copy, window: TimeWindow(start: 12, duration: 8),
                           section: RetakeSection(start: 16, duration: 4))
        let cut = WindowCut(keyframe: 11.9, copiedFrames: 192, exactFrames: 192, copiedUntil: 19.939)
        let unknown = FixPlanner.placeWindow(plan, cut: cut, frameRate: nil)
        #expect(unknown.video == .copy)
        #expect(FixPlanner.placeWindow(plan, cut: cut, frameRate: 24) == unknown)
        #expect(FixPlanner.placeWindow(plan, cut: cut, frameRate: 25).video == .encode(VideoEncoding()))
        // Measured, not guessed: a copy that ends one frame earlier (19.897 s) is re-encoded at 24 fps too.
        var short = cut
        short.copiedUntil = 19.897
        #expect(FixPlanner.placeWindow(plan, cut: short, frameRate: 24).video == .encode(VideoEncoding()))
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
