import LTXMedia
import Testing
@testable import LTXPreflight

/// `ExtendWindow.settle`, pure: what an extend call sends and bills once the
/// packets around its context were read. A 30 s clip at 24 fps, 4 s added
/// (96 frames), a 3.5 s end context from 26.5 s (84 frames exact).
@Suite struct ExtendWindowTests {
    static let context = TimeWindow(start: 26.5, duration: 3.5)

    func settle(_ window: TimeWindow = context, edge: ExtendCall.Edge = .end, added: Double = 4, cut: WindowCut?, copyable: Bool = true,
                canvas: Canvas? = nil, fps: Double = 24) -> ExtendCall {
        ExtendWindow.settle(window, edge: edge, added: added, cut: cut, copyable: copyable, canvas: canvas, clipDuration: 30, frameRate: fps)
    }

    @Test func anEndContextStartsOnTheKeyframeWithinASecondAndIsCopied() {
        let call = settle(cut: WindowCut(keyframe: 26, copiedFrames: 96, exactFrames: 84))
        #expect(call == ExtendCall(edge: .end, window: TimeWindow(start: 26, duration: 4), exact: false, contextFrames: 96, addedFrames: 96,
                                   added: 4, billedSeconds: 8, canvas: nil, heldFrames: nil))
    }

    @Test func aKeyframeMoreThanASecondBackIsNotTakenTheContextIsCutExactly() {
        let call = settle(cut: WindowCut(keyframe: 25.4, copiedFrames: 110, exactFrames: 84))
        #expect(call == ExtendCall(edge: .end, window: Self.context, exact: true, contextFrames: 84, addedFrames: 96,
                                   added: 4, billedSeconds: 7.5, canvas: nil, heldFrames: nil))
    }

    /// A padded picture or a codec that cannot be copied is encoded: the keyframe is not looked at.
    @Test func aCanvasOrAnUncopyableCodecIsCutExactly() {
        let cut = WindowCut(keyframe: 26, copiedFrames: 96, exactFrames: 84)
        let canvas = Canvas(width: 1920, height: 1080)
        #expect(settle(cut: cut, canvas: canvas) == ExtendCall(edge: .end, window: Self.context, exact: true, contextFrames: 84, addedFrames: 96,
                                                               added: 4, billedSeconds: 7.5, canvas: canvas, heldFrames: nil))
        #expect(settle(cut: cut, copyable: false).exact)
        #expect(settle(cut: cut, copyable: false).window == Self.context)
    }

    @Test func aStartContextIsCopiedFromTheFirstKeyframe() {
        let call = settle(TimeWindow(start: 0, duration: 3.5), edge: .start, cut: WindowCut(keyframe: 0, copiedFrames: 90, exactFrames: 84))
        #expect(call == ExtendCall(edge: .start, window: TimeWindow(start: 0, duration: 3.5), exact: false, contextFrames: 90, addedFrames: 96,
                                   added: 4, billedSeconds: 7.75, canvas: nil, heldFrames: nil))
    }

    /// A variable-rate span holding 60 pictures where its length promises 84: encoded
    /// and held for 13 more, to the API's 73, and billed as 73.
    @Test func aSpanWithFewerThanSeventyThreePicturesIsEncodedAndHeld() {
        let call = settle(cut: WindowCut(keyframe: 26, copiedFrames: 70, exactFrames: 60))
        #expect(call == ExtendCall(edge: .end, window: Self.context, exact: true, contextFrames: 73, addedFrames: 96,
                                   added: 4, billedSeconds: 7.042, canvas: nil, heldFrames: 13))
    }

    /// 20 s added is 480 frames: a copy of 96 would pass 505, so the context is cut
    /// exactly, and the bill stops at 505 frames (21.042 s).
    @Test func aCopyPastFiveHundredFiveFramesIsNotTakenAndTheBillIsCapped() {
        let call = settle(added: 20, cut: WindowCut(keyframe: 26, copiedFrames: 96, exactFrames: 84))
        #expect(call == ExtendCall(edge: .end, window: Self.context, exact: true, contextFrames: 84, addedFrames: 480,
                                   added: 20, billedSeconds: 21.042, canvas: nil, heldFrames: nil))
    }

    /// Without a read of the packets the context is counted at the clip's rate and cut exactly.
    @Test func withoutACutTheContextIsCountedAtTheRate() {
        let call = settle(cut: nil, fps: 30)
        #expect(call == ExtendCall(edge: .end, window: Self.context, exact: true, contextFrames: 105, addedFrames: 120,
                                   added: 4, billedSeconds: 7.5, canvas: nil, heldFrames: nil))
    }
}
