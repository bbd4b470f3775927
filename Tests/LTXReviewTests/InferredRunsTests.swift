@testable import LTXMedia
@testable import LTXReview
import Testing
import TestSupport

/// The runs of an output told from the two files alone, without a browser.
@Suite struct InferredRunsTests {
    /// Pictures 1/24 s apart whose packets have the digests given.
    static func packets(_ digests: [String]) -> EditSamples.Packets {
        EditSamples.Packets(times: digests.indices.map { Double($0) / 24 }, keyframes: digests.indices.map { $0 % 4 == 0 },
                            digests: digests, sampleEntry: "avc1", pts: digests.indices.map { Int64($0) * 512 })
    }

    @Test func equalPacketsAreCopiedAndPSNRTellsReencodedFromAnswer() async throws {
        let original = Self.packets(["a", "b", "c", "d", "e", "f", "g"])
        // 3-4 re-encoded (close to the original), 5-6 the answer's, 7 only in the output (an extension).
        let output = Self.packets(["a", "b", "c", "D", "E", "F", "G", "H"])
        var asked: [ClosedRange<Int>] = []
        let runs = try await InferredRuns.runs(original: original, output: output) { spans in
            asked = spans
            return [3: 41, 4: InferredRuns.reencodedPSNR, 5: 24.9, 6: 9]
        }
        // Only the changed frames both files have are measured.
        #expect(asked == [3...6])
        #expect(runs.map(\.source) == [.copied, .reencoded, .answer])
        #expect(runs.map(\.firstFrame) == [0, 3, 5])
        #expect(runs.map(\.lastFrame) == [2, 4, 7])
        #expect(runs[1].start == 3.0 / 24 && runs[1].end == 5.0 / 24)
        #expect(abs(runs[2].end - 8.0 / 24) < 1e-9)
    }

    @Test func aFileAgainstItselfIsOneCopiedRunAndAPageWithoutSeams() async throws {
        let file = Fixtures.path("h264_heaac.mp4")
        let review = try await EditReview.fromFiles(original: file, output: file)
        #expect(review.runs.count == 1)
        #expect(review.runs.first?.source == .copied && review.runs.first?.firstFrame == 0 && review.runs.first?.lastFrame == 96)
        #expect(review.runsInferred && review.calls.isEmpty && !review.reshaped)
        let page = try await review.page()
        #expect(page.seams.isEmpty && page.sections.isEmpty)
        #expect(page.runs.map(\.psnr) == ["identical (the original's packets)"])
        #expect(page.facts.allSatisfy { $0.differs.isEmpty })
        #expect(page.html().contains("<tr class=\"run copied\" data-first=\"0\" data-last=\"96\">"))
    }
}
