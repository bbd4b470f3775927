internal import CFFmpeg

/// What a splice's sound lanes share: the answers' sound mixed into the
/// original's planar float frames, with a linear crossfade centred on each
/// seam (no click).
final class SoundMixer {
    private let pieces: [SpliceJob.Piece]
    private let crossfade: Double
    private let rate: Int32
    private let layout: AVChannelLayout
    private var answers: [Int: AnswerSound] = [:]
    /// One buffer per channel for the answer's samples, owned here.
    private var scratch: [UnsafeMutablePointer<Float>] = []
    private var scratchCapacity = 0

    init(pieces: [SpliceJob.Piece], crossfade: Double, rate: Int32, layout: AVChannelLayout) {
        self.pieces = pieces
        self.crossfade = crossfade
        self.rate = rate
        self.layout = layout
    }

    deinit { for p in scratch { p.deallocate() } }

    /// How much of the answer a sample at `t` takes: 0 outside every
    /// section, 1 inside, a straight ramp across each seam.
    private func weight(_ t: Double, _ section: TimeWindow) -> Double {
        let half = crossfade / 2
        func ramp(_ x: Double, _ at: Double) -> Double { half > 0 ? min(1, max(0, (x - (at - half)) / crossfade)) : (x >= at ? 1 : 0) }
        return ramp(t, section.start) * (1 - ramp(t, section.end))
    }

    /// Mixes into `f` (planar float at `rate`), whose first sample sits at
    /// `first` seconds on the original's timeline.
    func mix(_ f: UnsafeMutablePointer<AVFrame>, at first: Double) throws(MediaError) {
        let rate = Double(self.rate)
        let n = Int(f.pointee.nb_samples), channels = Int(f.pointee.ch_layout.nb_channels)
        let last = first + Double(n) / rate
        let half = crossfade / 2
        for (i, piece) in pieces.enumerated() where piece.section.start - half < last && piece.section.end + half > first {
            if answers[i] == nil {
                answers[i] = try AnswerSound(path: piece.answer, rate: self.rate, layout: layout)
            }
            if scratch.count != channels || scratchCapacity < n {
                for p in scratch { p.deallocate() }
                scratchCapacity = Swift.max(n, 4096)
                scratch = (0..<channels).map { _ in .allocate(capacity: scratchCapacity) }
            }
            let position = Int64(((first - piece.answerStart) * rate).rounded())
            try answers[i]!.read(from: position, count: n, into: scratch)
            for ch in 0..<channels {
                guard let plane = f.pointee.extended_data[ch] else { continue }
                let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
                for s in 0..<n {
                    let w = Float(weight(first + Double(s) / rate, piece.section))
                    if w > 0 { samples[s] = (1 - w) * samples[s] + w * scratch[ch][s] }
                }
            }
        }
    }
}

/// A splice's sound: every packet of the original's audio stream goes
/// through `take`, in order; `finish` writes what is left.
protocol SplicedSound: AnyObject {
    /// What became of the sound, for the splice's report.
    var summary: String { get }
    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError)
    func finish(output: OutputContext) throws(MediaError)
}
