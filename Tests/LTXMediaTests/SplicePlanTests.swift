@testable import LTXMedia
import Testing

/// Which GOPs a splice encodes again, decided on made-up GOPs: no file, no FFmpeg.
@Suite struct SplicePlanTests {
    /// `count` GOPs of 12 pictures at 12 fps (one a second, ticks of 1/12 s),
    /// decoded I P B B P B B... (x264's order: each P before the two B shown before it).
    func gops(_ count: Int, open: Set<Int> = []) -> GOPIndex {
        let list = (0..<count).map { g -> GOPIndex.GOP in
            let base = Int64(g * 12)
            var pts: [Int64] = [base]
            for k in stride(from: 3, to: 12, by: 3) { pts += [base + Int64(k), base + Int64(k - 2), base + Int64(k - 1)] }
            pts += [base + 10, base + 11]
            // An open GOP shows two pictures before its keyframe, which refer to the GOP before.
            if open.contains(g) { pts = [base + 2, base, base + 1] + (3..<12).map { base + Int64($0) } }
            let dts = (0..<pts.count).map { base + Int64($0) - 2 }
            return GOPIndex.GOP(packets: (g * 12)..<(g * 12 + 12), pts: pts, dts: dts, keyPts: open.contains(g) ? base + 2 : base)
        }
        return GOPIndex(gops: list, ticksPerSecond: 12, frameDuration: 1)
    }

    func inside(_ spans: [TimeWindow]) -> (Int64) -> Bool {
        { ts in spans.contains { Double(ts) / 12 >= $0.start - 1e-9 && Double(ts) / 12 < $0.end - 1e-9 } }
    }

    @Test func onlyTheGOPsASectionTouchesAreEncodedAgain() {
        let index = gops(10)
        let spans = [TimeWindow(start: 3.5, duration: 2)]
        let plan = SplicePlan.make(index, spans: spans, decision: SpliceDecision(strategy: .gops), inSection: inside(spans))
        // 3.5 s to 5.5 s touches the GOPs of seconds 3, 4 and 5; the one of second 4 is all answer.
        #expect(plan.reencoded == [3, 4, 5])
        #expect(plan.answerOnly == [4])
        #expect(plan.references.isEmpty)
        // GOP 3 is copied in decode order while it shows only pictures before 3.5 s (tick 42): I(36) P(39) B(37) B(38).
        #expect(plan.prefixes == [3: 4])
    }

    @Test func anOpenGOPAfterAnEncodedOneIsEncodedToo() {
        let index = gops(6, open: [3])
        let spans = [TimeWindow(start: 2.25, duration: 0.5)]
        let plan = SplicePlan.make(index, spans: spans, decision: SpliceDecision(strategy: .gops), inSection: inside(spans))
        #expect(plan.reencoded == [2, 3])
        #expect(plan.answerOnly.isEmpty)
    }

    @Test func anOpenGOPEncodedAloneDecodesTheOneBeforeAsReference() {
        let index = gops(6, open: [3])
        let spans = [TimeWindow(start: 3.5, duration: 0.25)]
        let plan = SplicePlan.make(index, spans: spans, decision: SpliceDecision(strategy: .gops), inSection: inside(spans))
        #expect(plan.reencoded == [3])
        #expect(plan.references == [2])
    }

    @Test func aWholeReencodeTakesEveryGOPAndCopiesNoPrefix() {
        let index = gops(4)
        let plan = SplicePlan.make(index, spans: [], decision: SpliceDecision(strategy: .wholeVideo(.timestampsMissing)), inSection: { _ in false })
        #expect(plan.reencoded == [0, 1, 2, 3] && plan.prefixes.isEmpty && plan.answerOnly.isEmpty)
        // No section and not whole (an extend of an H.264 clip): nothing is encoded again.
        #expect(SplicePlan.make(index, spans: [], decision: SpliceDecision(strategy: .gops), inSection: { _ in false }).reencoded.isEmpty)
    }
}
