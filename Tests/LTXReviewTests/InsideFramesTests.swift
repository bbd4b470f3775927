@testable import LTXReview
import Testing

/// Which frames inside an answer run a review shows: keyframes first, so each costs one decoded frame.
@Suite struct InsideFramesTests {
    /// Keyframe flags for `count` frames with keyframes at `at`.
    static func keys(_ count: Int, at: [Int]) -> [Bool] { (0..<count).map { at.contains($0) } }

    @Test func keyframesOfBothFilesAreShownBeforeKeyframesOfOne() {
        // The retake of the 60 s clip: answer 915-1034; the original's GOPs start every 60 frames,
        // the splice kept 960 and 1020 as keyframes and added its own at 915 (the seam's).
        let original = Self.keys(1800, at: Array(stride(from: 0, to: 1800, by: 60)))
        let output = Self.keys(1800, at: [900, 915, 960, 1020, 1080])
        #expect(InsideFrames.chosen(first: 915, last: 1034, originalKeyframes: original, outputKeyframes: output) == [960, 1020])
        // An output with a keyframe of its own inside (975) but none shared: the keyframes of either.
        let own = Self.keys(1800, at: [900, 915, 975, 1080])
        #expect(InsideFrames.chosen(first: 915, last: 1034, originalKeyframes: Self.keys(1800, at: [900, 1080]), outputKeyframes: own) == [975])
    }

    @Test func manyKeyframesAreThinnedToTheOnesNearestTheQuarters() {
        // A whole re-encode of 10 s at 24 fps with a keyframe every 12 frames: three of 19 shown.
        let flags = Self.keys(240, at: Array(stride(from: 0, to: 240, by: 12)))
        #expect(InsideFrames.chosen(first: 0, last: 239, originalKeyframes: flags, outputKeyframes: flags) == [60, 120, 180])
    }

    @Test func aRunWithoutKeyframesShowsItsMiddleFrame() {
        let none = Self.keys(100, at: [0])
        #expect(InsideFrames.chosen(first: 40, last: 71, originalKeyframes: none, outputKeyframes: none) == [55])
        // Its seams' keyframes (40 and 71 are shown as seams) are not inside it.
        let edges = Self.keys(100, at: [0, 40, 71])
        #expect(InsideFrames.chosen(first: 40, last: 71, originalKeyframes: edges, outputKeyframes: edges) == [55])
    }

    @Test func runsOfOneOrTwoFramesHaveNothingInside() {
        let flags = Self.keys(10, at: [0, 5])
        #expect(InsideFrames.chosen(first: 5, last: 5, originalKeyframes: flags, outputKeyframes: flags).isEmpty)
        #expect(InsideFrames.chosen(first: 5, last: 6, originalKeyframes: flags, outputKeyframes: flags).isEmpty)
        #expect(InsideFrames.chosen(first: 5, last: 7, originalKeyframes: flags, outputKeyframes: flags) == [6])
    }

    @Test func anExtensionPastTheOriginalsEndUsesTheOutputsKeyframes() {
        // The original has 48 frames; the output adds 48 with keyframes at 48 and 72.
        let original = Self.keys(48, at: [0, 24])
        let output = Self.keys(96, at: [0, 24, 48, 72])
        #expect(InsideFrames.chosen(first: 48, last: 95, originalKeyframes: original, outputKeyframes: output) == [72])
    }
}
