import Testing
@testable import LTXMedia

/// The status line a fix or a splice shows on a terminal.
@Suite struct TranscodeProgressTextTests {
    @Test func aKnownTotalGetsABarAnETAAndTheSpeed() {
        let p = TranscodeProgress(framesDone: 240, framesExpected: 480, secondsDone: 9.6)
        #expect(p.line(elapsed: 3) == "[############............]  240/480 frames  ETA 0:03  3.2x")
    }

    @Test func anUnknownTotalCountsFramesAndShowsOnlyASpeedItCanTell() {
        let p = TranscodeProgress(framesDone: 75, framesExpected: nil, secondsDone: 3)
        #expect(p.line(elapsed: 0.1) == "75 frames")
        #expect(p.line(elapsed: 125) == "75 frames")
        #expect(p.line(elapsed: 20) == "75 frames  0.2x")
    }

    @Test func theETAHasMinutesAndTwoDigitSeconds() {
        let p = TranscodeProgress(framesDone: 10, framesExpected: 1000, secondsDone: 0)
        #expect(p.line(elapsed: 1.3) == "[........................]  10/1000 frames  ETA 2:08")
    }
}
