import LTXMedia

/// Which frames of an output were copied, re-encoded or came from an
/// answer, told from the two files alone (no journal, no report): a frame
/// whose packet is byte for byte the original's packet at the same position
/// was copied; any other is re-encoded when its picture is still close to
/// the original's (PSNR at or above `reencodedPSNR`), else the answer's.
enum InferredRuns {
    /// A re-encode with the original's codec at a matching quality keeps the
    /// luma PSNR well above 30 dB (the splice's re-encoded GOPs measure 38-50 dB;
    /// a round trip through HDR and back 33.8 dB), while a generated picture
    /// differs in content and rarely reaches 20 dB against the one it
    /// replaced (the sandbox's negatives: under 10 dB). 25 dB sits between.
    static let reencodedPSNR = 25.0

    /// The runs of `output` against `original`, on the output's timeline;
    /// `psnr` measures the changed frames (those present in both) and gives
    /// each frame's PSNR.
    static func runs(original: EditSamples.Packets, output: EditSamples.Packets,
                     psnr: ([ClosedRange<Int>]) async throws(MediaError) -> [Int: Double]) async throws(MediaError) -> [SpliceResult.FrameRange] {
        let n = output.count
        guard n > 0 else { return [] }
        let copied = (0..<n).map { $0 < original.count && original.digests[$0] == output.digests[$0] }
        let changedInBoth = spans((0..<min(n, original.count)).filter { !copied[$0] })
        let measured = try await psnr(changedInBoth)
        let sources: [SpliceResult.Source] = (0..<n).map { i in
            if copied[i] { return .copied }
            guard let p = measured[i] else { return .answer }
            return p >= reencodedPSNR ? .reencoded : .answer
        }
        let step = n > 1 ? (output.times[n - 1] - output.times[0]) / Double(n - 1) : 0
        var runs: [SpliceResult.FrameRange] = []
        var first = 0
        for i in 1...n where i == n || sources[i] != sources[first] {
            runs.append(SpliceResult.FrameRange(source: sources[first], firstFrame: first, lastFrame: i - 1, start: output.times[first],
                                                end: i < n ? output.times[i] : output.times[n - 1] + step))
            first = i
        }
        return runs
    }

    /// Consecutive indices as closed ranges.
    static func spans(_ indices: [Int]) -> [ClosedRange<Int>] {
        var spans: [ClosedRange<Int>] = []
        for i in indices {
            if let last = spans.last, last.upperBound + 1 == i { spans[spans.count - 1] = last.lowerBound...i } else { spans.append(i...i) }
        }
        return spans
    }
}

extension EditReview {
    /// The review of `output` against `original` from the two files alone:
    /// the runs inferred (`InferredRuns`), no sections, no calls (add them
    /// with `add(journal:)`).
    public static func fromFiles(original: String, output: String) async throws(MediaError) -> EditReview {
        let (factsA, factsB, a, b) = try await read(original: original, output: output, digests: true)
        let runs: [SpliceResult.FrameRange]
        if factsA.width != factsB.width || factsA.height != factsB.height {
            // Another shape (a reframe): no picture is the original's.
            runs = wholeAnswer(factsB)
        } else {
            runs = try await InferredRuns.runs(original: a, output: b) { spans throws(MediaError) in
                try await BlockingExecutor.run { () throws(MediaError) -> [Int: Double] in
                    try EditSamples.pictures(original: original, a, output: output, b, EditSamples.Request(pictures: [], measured: spans, maxSide: 0)).framePSNR
                }
            }
        }
        var review = EditReview(edit: "edit", original: factsA, output: factsB, runs: runs, runsInferred: true)
        review.packets = (a, b)
        return review
    }
}
