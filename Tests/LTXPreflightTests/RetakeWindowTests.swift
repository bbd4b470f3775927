import LTXMedia
import Testing
@testable import LTXPreflight

/// The windows a whole-video retake pays for: pure, no files.
@Suite struct RetakeWindowTests {
    func plan(_ sections: [TimeWindow], context: Double = 2, duration: Double = 30, fps: Double = 30) throws -> [RetakeCall] {
        try RetakeWindow.plan(sections: sections, context: context, duration: duration, frameRate: fps).get()
    }

    @Test func aSectionIsSentWithItsContextOnly() throws {
        let calls = try plan([TimeWindow(start: 14, duration: 4)])
        #expect(calls == [RetakeCall(window: TimeWindow(start: 12, duration: 8), section: TimeWindow(start: 14, duration: 4),
                                     sections: [TimeWindow(start: 14, duration: 4)], exact: false)])
    }

    @Test func aShortWindowIsWidenedToSeventyThreeFramesInsideTheClip() throws {
        // 2 s with no context at 24 fps is 48 frames: widened to 73 (3.042 s), centred, not past 0.
        let calls = try plan([TimeWindow(start: 0.5, duration: 2)], context: 0, duration: 10, fps: 24)
        #expect(calls.count == 1)
        #expect(abs(calls[0].window.duration - 73.0 / 24) < 1e-9)
        #expect(calls[0].window.start == 0)
        // A clip shorter than 73 frames is sent whole (the fix pads it).
        let short = try plan([TimeWindow(start: 0, duration: 2)], duration: 2, fps: 24)
        #expect(short[0].window == TimeWindow(start: 0, duration: 2))
    }

    /// A single call's window: the longest the API takes at the clip's rate, centred, moved inside the clip.
    @Test func aSingleCallSendsTheLongestWindowCentredOnItsSection() {
        // 24 fps: 504 frames, 21 s, centred on 30 s.
        #expect(RetakeWindow.longest(around: TimeWindow(start: 28, duration: 4), duration: 60, frameRate: 24) == TimeWindow(start: 19.5, duration: 21))
        // Moved, not shortened, at either end of the clip.
        #expect(RetakeWindow.longest(around: TimeWindow(start: 1, duration: 2), duration: 60, frameRate: 24) == TimeWindow(start: 0, duration: 21))
        #expect(RetakeWindow.longest(around: TimeWindow(start: 57, duration: 2), duration: 60, frameRate: 24) == TimeWindow(start: 39, duration: 21))
        // 60 fps: the frame limit (505 frames, 8.417 s) binds before the 21 s one.
        let fast = RetakeWindow.longest(around: TimeWindow(start: 10, duration: 2), duration: 30, frameRate: 60)
        #expect(fast.duration == 505.0 / 60)
        #expect(abs(fast.start - (11 - 505.0 / 120)) < 1e-9)
        // A stream without a rate is counted at the API's 24 fps, as every other planner counts it.
        #expect(RetakeWindow.longest(around: TimeWindow(start: 28, duration: 4), duration: 60, frameRate: 0) == TimeWindow(start: 19.5, duration: 21))
    }

    @Test func windowsThatTouchShareOneCallAndOthersDoNot() throws {
        let merged = try plan([TimeWindow(start: 10, duration: 2), TimeWindow(start: 15, duration: 2)])
        #expect(merged.count == 1)
        #expect(merged[0].window == TimeWindow(start: 8, duration: 11))
        #expect(merged[0].section == TimeWindow(start: 10, duration: 7))
        #expect(merged[0].sections.count == 2)
        let apart = try plan([TimeWindow(start: 3, duration: 2), TimeWindow(start: 20, duration: 4)])
        #expect(apart.map(\.window) == [TimeWindow(start: 1, duration: 6), TimeWindow(start: 18, duration: 8)])
    }

    @Test func contextShrinksToTheLongestWindowAndALongerSectionIsRefused() throws {
        let calls = try plan([TimeWindow(start: 5, duration: 19)], context: 2, duration: 60, fps: 24)
        #expect(abs(calls[0].window.duration - 21) < 1e-9)
        let refused = RetakeWindow.plan(sections: [TimeWindow(start: 0, duration: 25)], context: 2, duration: 60, frameRate: 24)
        guard case .failure(let why) = refused, case .sectionTooLong(25, 21, 24) = why else { Issue.record("not refused: \(refused)"); return }
        #expect(why.description.contains("longest window the API takes (21 s, 504 frames"))
        let tooShort = RetakeWindow.plan(sections: [TimeWindow(start: 0, duration: 1)], context: 2, duration: 60, frameRate: 24)
        guard case .failure(.needsSection(let short)) = tooShort else { Issue.record("not refused"); return }
        #expect(short.contains("at least 2 s"))
    }

    @Test func aKeyframeWithinOneSecondStartsTheWindowElseItIsCutExactly() throws {
        let call = try plan([TimeWindow(start: 14, duration: 4)])[0]
        let snapped = RetakeWindow.snap(call, keyframe: 11.5, frameRate: 30)
        #expect(snapped.window == TimeWindow(start: 11.5, duration: 8.5) && !snapped.exact)
        let exact = RetakeWindow.snap(call, keyframe: 8, frameRate: 30)
        #expect(exact.window == call.window && exact.exact)
    }
}
