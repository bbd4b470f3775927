import LTXMedia
import Testing
@testable import LTXPreflight

/// `EditWindow.cuts`, pure: a span is cut from the clip when it is shorter
/// by at least half a frame; else the whole clip is sent.
@Suite struct EditWindowTests {
    /// 10 s at 24 fps: half a frame is 0.0208 s, so 9.979 s is the edge.
    @Test(arguments: [(9.97, true), (9.979, true), (9.98, false), (10.0, false), (10.5, false), (0.5, true)])
    func halfAFrameShortIsTheEdge(_ duration: Double, _ cuts: Bool) {
        #expect(EditWindow.cuts(TimeWindow(start: 0, duration: duration), clipDuration: 10, frameRate: 24) == cuts)
    }

    /// The edge moves with the rate: at 50 fps half a frame is 0.01 s.
    @Test func theEdgeFollowsTheRate() {
        let span = TimeWindow(start: 3, duration: 9.985)
        #expect(EditWindow.cuts(span, clipDuration: 10, frameRate: 24) == false)
        #expect(EditWindow.cuts(span, clipDuration: 10, frameRate: 50) == true)
    }

    /// Where the span sits does not matter, only its length.
    @Test func onlyTheLengthCounts() {
        #expect(EditWindow.cuts(TimeWindow(start: 0, duration: 4), clipDuration: 10, frameRate: 24))
        #expect(EditWindow.cuts(TimeWindow(start: 6, duration: 4), clipDuration: 10, frameRate: 24))
    }

    /// A rate below 1 (none read) is held to 1 fps: half a second.
    @Test func noRateIsHeldToOneFramePerSecond() {
        #expect(EditWindow.cuts(TimeWindow(start: 0, duration: 9.6), clipDuration: 10, frameRate: 0) == false)
        #expect(EditWindow.cuts(TimeWindow(start: 0, duration: 9.4), clipDuration: 10, frameRate: 0) == true)
    }
}
