internal import CFFmpeg

/// A splice's sound in the output, as `SpliceDecision.AudioLane` says: the
/// original's packets copied, or a lane that puts the answers' sound in.
struct SpliceSound {
    /// The lane that writes the track; nil when it is copied (or there is none).
    let lane: (any SplicedSound)?
    /// The copied track: its time base and index in the output.
    let copy: (timeBase: AVRational, out: Int)?

    init(_ lane: SpliceDecision.AudioLane?, stream: Int?, job: SpliceJob, gops: GOPIndex,
         input: FormatContext, output: OutputContext) throws(MediaError) {
        guard let lane, let a = stream else {
            (self.lane, copy) = (nil, nil)
            return
        }
        if case .extensionAt(let edge, let inPlace) = lane, let extended = job.extended {
            self.lane = try Self.extensionLane(extended, edge: edge, inPlace: inPlace, stream: a, job: job, gops: gops, input: input, output: output)
            copy = nil
        } else if case .sections(let inPlace) = lane {
            // In place when it can be: the sound outside the sections stays the original's, bit for bit.
            if inPlace, let patch = try AudioPatchLane(a, from: input, to: output, pieces: job.pieces, crossfade: job.crossfade,
                                                       duration: input.durationSeconds ?? 0) {
                self.lane = patch
            } else {
                self.lane = try AudioSpliceLane(encoding: a, from: input, to: output, pieces: job.pieces, crossfade: job.crossfade)
            }
            copy = nil
        } else {
            self.lane = nil
            copy = try input.withStream(a) { st throws(MediaError) in (st.pointee.time_base, try output.addCopiedStream(of: st)) }
        }
    }

    /// The original's sound, then (or after) the answer's for the extension, crossfaded at the seam.
    private static func extensionLane(_ extended: SpliceJob.Extension, edge: SpliceJob.Extension.Edge, inPlace: Bool, stream a: Int, job: SpliceJob,
                                      gops: GOPIndex, input: FormatContext, output: OutputContext) throws(MediaError) -> any SplicedSound {
        let added = Double(extended.frames) * gops.seconds(gops.frameDuration)
        let videoEnd = gops.seconds((gops.sortedPts.last ?? 0) + gops.frameDuration)
        let videoStart = gops.seconds(gops.sortedPts.first ?? 0)
        let span = edge == .end ? TimeWindow(start: videoEnd, duration: added + 1) : TimeWindow(start: videoStart - 1, duration: 1 + added)
        let answerStart = edge == .end ? videoEnd - extended.answerStart : videoStart - extended.answerStart
        let piece = SpliceJob.Piece(answer: extended.answer, answerStart: answerStart, section: span)
        if inPlace,
           let lane = try AudioExtendLane(a, from: input, to: output, piece: piece, seam: videoEnd, until: videoEnd + added, crossfade: job.crossfade) {
            return lane
        }
        return try AudioSpliceLane(encoding: a, from: input, to: output, pieces: [piece], crossfade: job.crossfade,
                                   shift: edge == .start ? added : 0, until: edge == .end ? videoEnd + added : nil)
    }
}
