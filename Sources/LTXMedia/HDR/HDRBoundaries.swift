/// The exposure steps at the pieces' boundaries, from each output frame's
/// mean luminance (cd/m²).
///
/// At a boundary (the first frame taken from the later piece) the step is
/// |Y(first) − Y(previous)|. It is set against the steps between
/// neighbouring frames inside the two pieces beside it (boundaries
/// excluded). A crossfade is advised when the boundary step is larger than
/// every step within the pieces and larger than 1 % of the brighter of its
/// two frames (about the smallest step in luminance an eye notices, Weber's
/// fraction): a still scene's steps within are near 0, and its noise at a
/// boundary is no jump.
enum HDRBoundaries {
    static func steps(meanLuminance y: [Double], pieces: [HDRPieceAnswer]) -> [HDRBoundaryStep] {
        let starts = pieces.dropFirst().map(\.firstFrame)
        let boundaries = Set(starts)
        return zip(pieces, pieces.dropFirst()).map { before, after in
            let b = after.firstFrame
            let range = before.firstFrame..<(after.firstFrame + after.frameCount)
            let within = range.dropFirst().filter { !boundaries.contains($0) && $0 < y.count }.map { abs(y[$0] - y[$0 - 1]) }.sorted()
            let step = abs(y[b] - y[b - 1])
            let median = within.isEmpty ? 0 : within.count % 2 == 1 ? within[within.count / 2] : (within[within.count / 2 - 1] + within[within.count / 2]) / 2
            let largest = within.last ?? 0
            return HDRBoundaryStep(frame: b, step: step, withinMedian: median, withinMax: largest,
                                   crossfadeAdvised: step > largest && step > 0.01 * max(y[b], y[b - 1]))
        }
    }
}
