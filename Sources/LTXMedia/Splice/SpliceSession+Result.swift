/// What a splice wrote, frame by frame, from the GOP index and the plan:
/// copied, re-encoded or the answer's, with the seams and the notes.
extension SpliceSession {
    func result() -> SpliceResult {
        let copiedPrefixes = prefixes.flatMap { g, k in gops.gops[g].pts.prefix(k) }
        let lentPts = leadingOnly.flatMap { g in gops.gops[g].leading.map { gops.gops[g].pts[$0] } }
        let reencodedPts = Set(reencoded.flatMap { gops.gops[$0].pts } + lentPts).subtracting(copiedPrefixes)
        var ranges: [SpliceResult.FrameRange] = []
        for (i, ts) in gops.sortedPts.enumerated() {
            let source: SpliceResult.Source = fromAnswer.contains(ts) ? .answer : reencodedPts.contains(ts) ? .reencoded : .copied
            let end = gops.seconds(ts + gops.frameDuration)
            if var last = ranges.last, last.source == source {
                last.lastFrame = i
                last.end = end
                ranges[ranges.count - 1] = last
            } else {
                ranges.append(SpliceResult.FrameRange(source: source, firstFrame: i, lastFrame: i, start: gops.seconds(ts), end: end))
            }
        }
        var frames = gops.sortedPts.count
        if let extended = job.extended, extended.frames > 0 {
            let step = gops.seconds(gops.frameDuration), added = Double(extended.frames) * step
            if extended.edge == .end {
                let start = ranges.last?.end ?? 0
                ranges.append(SpliceResult.FrameRange(source: .answer, firstFrame: frames, lastFrame: frames + extended.frames - 1,
                                                      start: start, end: start + added))
            } else {
                let first = gops.seconds(gops.sortedPts.first ?? 0)
                ranges = [SpliceResult.FrameRange(source: .answer, firstFrame: 0, lastFrame: extended.frames - 1, start: first, end: first + added)]
                    + ranges.map { r in
                        var r = r
                        (r.firstFrame, r.lastFrame, r.start, r.end) = (r.firstFrame + extended.frames, r.lastFrame + extended.frames,
                                                                       r.start + added, r.end + added)
                        return r
                    }
            }
            frames += extended.frames
        }
        ranges = ranges.map { r in
            var r = r
            (r.start, r.end) = (r.start - clockStart, r.end - clockStart)
            return r
        }
        var seams = ranges.dropFirst().map(\.start)
        if audioSplice != nil { seams += job.pieces.flatMap { [$0.section.start - clockStart, $0.section.end - clockStart] } }
        let hdrNote = encoderSpec?.hdr.map { t in
            "the answer's SDR BT.709 pictures were converted to the original's BT.2020 \(t == .hlg ? "HLG (SDR white at 75 % signal, BT.2408)" : "PQ (SDR white at 203 cd/m², BT.2408)") and 10 bits"
        }
        return SpliceResult(ranges: ranges, videoFrames: frames, wholeVideoReencoded: decision.wholeVideo?.description,
                            audio: audioIndex == nil ? nil : audioSplice?.summary ?? "copied",
                            seams: Array(Set(seams)).sorted(), convertedFromSDR: fromAnswer.isEmpty && job.extended == nil ? nil : hdrNote)
    }
}
