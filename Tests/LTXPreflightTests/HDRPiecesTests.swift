import LTXMedia
import Testing
@testable import LTXPreflight

/// The pieces an HDR conversion pays for: pure, no files.
@Suite struct HDRPiecesTests {
    func times(_ frames: Int, fps: Double) -> [Double] { (0..<frames).map { Double($0) / fps } }

    func plan(_ frames: Int, fps: Double = 30, tier: Int = 181, keyframes: Set<Int> = [0], copyable: Bool = true,
              overlap: Int = 0) -> Result<[HDRPiece], HDRPlanError> {
        HDRPieces.plan(frameTimes: times(frames, fps: fps), clipEnd: Double(frames) / fps, tierFrames: tier, tierName: "1080p",
                       keyframes: keyframes, copyable: copyable, overlap: overlap)
    }

    @Test func thirtySecondsAt1080p30AreFivePiecesOfAtMost181() throws {
        let pieces = try plan(900).get()
        #expect(pieces.count == 5)
        #expect(pieces.map(\.frameCount) == [180, 180, 180, 180, 180])
        #expect(pieces.map(\.firstFrame) == [0, 180, 360, 540, 720])
        // Every frame once, in order, nothing between the pieces.
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.firstFrame + $0.frameCount == $1.firstFrame })
        #expect(abs(pieces[1].window.start - 6) < 1e-9 && abs(pieces[1].window.duration - 6) < 1e-9)
        // Only the first starts on a keyframe (x264's default: one every 250 frames here): the others are cut exactly.
        #expect(pieces.map(\.exact) == [false, true, true, true, true])
        #expect(HDRPieces.seconds(pieces) == 30)
    }

    @Test func aStartMovesToAKeyframeWhenThePieceCountStays() throws {
        // A keyframe every second (30 frames): the even starts 180, 360... are keyframes already.
        let everySecond = Set(stride(from: 0, to: 900, by: 30))
        #expect(try plan(900, keyframes: everySecond).get().allSatisfy { !$0.exact })
        // Keyframes at 0 and 178: the second piece starts on 178 (a copy) and the rest still fit in 5.
        let pieces = try plan(900, keyframes: [0, 178]).get()
        #expect(pieces.count == 5)
        #expect(pieces.map(\.frameCount) == [178, 181, 180, 181, 180])
        #expect(pieces[1].firstFrame == 178 && !pieces[1].exact)
        #expect(pieces.allSatisfy { $0.frameCount <= 181 })
        #expect(pieces.last.map { $0.firstFrame + $0.frameCount } == 900)
        // One that would need a sixth piece is not taken: 100 leaves 800 frames for 4 pieces of 181.
        let far = try plan(900, keyframes: [0, 100]).get()
        #expect(far.count == 5 && far[1].firstFrame == 180 && far[1].exact)
        // A codec the fix cannot copy is cut exactly everywhere, keyframe or not.
        #expect(try plan(900, keyframes: everySecond, copyable: false).get().allSatisfy(\.exact))
    }

    @Test func neighboursShareTheOverlapAndEachStaysWithinTheTier() throws {
        let pieces = try plan(200, overlap: 8).get()
        #expect(pieces.map(\.firstFrame) == [0, 96])
        #expect(pieces.map(\.frameCount) == [104, 104])
        // The shared frames are billed in both pieces: 208 frames at 30 fps.
        #expect(abs(HDRPieces.seconds(pieces) - 208.0 / 30) < 1e-3)
        let long = try plan(900, overlap: 10).get()
        #expect(long.allSatisfy { $0.frameCount <= 181 })
        #expect(zip(long, long.dropFirst()).allSatisfy { $0.firstFrame + $0.frameCount - $1.firstFrame == 10 })
        #expect(plan(200, overlap: 91) == .failure(.overlapTooLong(overlap: 91, most: 90, tier: "1080p")))
    }

    @Test func aClipWithinTheTierIsOnePieceAndA4KTierTakes41() throws {
        let one = try plan(150).get()
        #expect(one.count == 1 && one[0].frameCount == 150 && one[0].sent(clipFrames: 150).cuts == false)
        let fourK = try plan(100, fps: 25, tier: 41).get()
        #expect(fourK.map(\.frameCount) == [33, 34, 33])
        #expect(fourK.allSatisfy { $0.frameCount <= 41 })
    }

    @Test func aCopyStaysACopyOnlyWhenThePacketsHoldEveryFrame() {
        let piece = HDRPiece(firstFrame: 180, frameCount: 180, window: TimeWindow(start: 6, duration: 6), exact: false)
        #expect(HDRPieces.settle(piece, cut: WindowCut(keyframe: 6, copiedFrames: 180, exactFrames: 180)).exact == false)
        // With B-frames the copy stops two pictures short: cut exactly instead.
        #expect(HDRPieces.settle(piece, cut: WindowCut(keyframe: 6, copiedFrames: 178, exactFrames: 180)).exact)
        // The keyframe is before the piece's start: a copy would send frames of the previous piece.
        #expect(HDRPieces.settle(piece, cut: WindowCut(keyframe: 5.5, copiedFrames: 195, exactFrames: 180)).exact)
        #expect(HDRPieces.settle(piece, cut: nil).exact)
    }
}
