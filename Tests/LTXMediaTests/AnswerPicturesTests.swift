@testable import LTXMedia
import Testing

/// The size an answer's pictures are turned and made HDR at, before the last scale to the original's.
@Suite struct AnswerPicturesTests {
    @Test func aFullHDAnswerIntoAUHDClipIsWorkedOnAtFullHD() {
        let work = AnswerPictures.workingSize(target: (3840, 2160), answerPixels: 1080 * 1920)
        #expect(work.width == 1920 && work.height == 1080)
    }

    @Test func anAnswerAsLargeAsTheClipOrLargerLeavesTheClipsSize() {
        let same = AnswerPictures.workingSize(target: (1920, 1080), answerPixels: 1920 * 1080)
        #expect(same.width == 1920 && same.height == 1080)
        let larger = AnswerPictures.workingSize(target: (320, 180), answerPixels: 1920 * 1080)
        #expect(larger.width == 320 && larger.height == 180)
    }

    @Test func aShrunkSizeKeepsTheShapeOnEvenNumbers() {
        // 1,000,000 of 3,110,400 pixels: a scale of 0.567, so 1089 x 613 before rounding to even.
        let work = AnswerPictures.workingSize(target: (1920, 1620), answerPixels: 1_000_000)
        #expect(work.width % 2 == 0 && work.height % 2 == 0)
        #expect(abs(Double(work.width) / Double(work.height) - 1920.0 / 1620.0) < 0.01)
        #expect(Int(work.width) * Int(work.height) <= 1_000_000 + 2 * Int(work.width + work.height))
    }
}
