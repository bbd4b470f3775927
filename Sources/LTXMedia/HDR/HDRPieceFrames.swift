/// The output's frames from the pieces' ZIPs: frame `i` of the input is
/// frame `i − firstFrame + 1` of each piece that covers it; where two pieces
/// overlap by N frames, the later one's weight rises linearly over the
/// overlap, 1/(N+1) ... N/(N+1), in linear light.
final class HDRPieceFrames {
    let pieces: [HDRPieceAnswer]
    let frameCount: Int
    private let archives: [EXRArchive]
    private let decoder: EXRDecoder
    /// Clockwise degrees to turn an upright answer back to the stored
    /// orientation, applied when a frame comes with the stored size swapped.
    private let size: (width: Int, height: Int)
    private let turn: Int
    /// Clockwise degrees the input's display matrix turns it.
    let rotation: Int
    /// Set once an answer came upright and was turned back to the stored orientation.
    private(set) var answersUpright = false
    /// The colour space each piece's frames were read as (its last frame read).
    private(set) var colorSpaces: [HDRColorSpace]

    /// `pieces` in any order; they must cover frames 0..<frameCount without a
    /// gap, each overlapping at most its neighbours.
    init(pieces: [HDRPieceAnswer], frameCount: Int, size: (width: Int, height: Int), rotation: Int,
         assumed: HDRColorSpace) throws(MediaError) {
        let sorted = pieces.sorted { $0.firstFrame < $1.firstFrame }
        var covered = 0
        for (k, p) in sorted.enumerated() {
            guard p.frameCount > 0, p.firstFrame <= covered, p.firstFrame >= 0 else {
                throw MediaError(kind: .unsupported, path: p.zip, message: p.frameCount <= 0 ? "a piece has no frames"
                                 : "no piece has frame \(covered) (the next starts at \(p.firstFrame))")
            }
            if k >= 2, p.firstFrame < sorted[k - 2].firstFrame + sorted[k - 2].frameCount {
                throw MediaError(kind: .unsupported, path: p.zip, message: "frame \(p.firstFrame) is in three pieces; a piece may overlap only its neighbours")
            }
            covered = max(covered, p.firstFrame + p.frameCount)
        }
        guard covered == frameCount else {
            throw MediaError(kind: .unsupported, path: sorted.last?.zip, message: "the pieces cover \(covered) frames; the input has \(frameCount)")
        }
        self.pieces = sorted
        self.frameCount = frameCount
        archives = try sorted.map { p throws(MediaError) in try EXRArchive(path: p.zip, expectedFrames: p.frameCount) }
        decoder = try EXRDecoder(assumed: assumed)
        self.size = size
        turn = (360 - rotation) % 360
        self.rotation = rotation
        colorSpaces = sorted.map { _ in assumed }
    }

    /// The pieces that hold frame `i`, with each one's weight.
    func sources(of i: Int) -> [(piece: Int, weight: Float)] {
        let holding = pieces.indices.filter { pieces[$0].firstFrame <= i && i < pieces[$0].firstFrame + pieces[$0].frameCount }
        guard holding.count == 2 else { return holding.map { ($0, 1) } }
        let (a, b) = (pieces[holding[0]], pieces[holding[1]])
        let overlap = a.firstFrame + a.frameCount - b.firstFrame
        let w = Float(i - b.firstFrame + 1) / Float(overlap + 1)
        return [(holding[0], 1 - w), (holding[1], w)]
    }

    /// A picture at the stored size in the answers' orientation.
    func asAnswered(_ p: LinearPicture) -> LinearPicture { answersUpright ? p.turned(clockwise: rotation) : p }

    /// The bytes of frame `i` as piece `k` answered it.
    func bytes(of i: Int, piece k: Int) throws(MediaError) -> [UInt8] {
        try archives[k].frame(i - pieces[k].firstFrame + 1)
    }

    /// Frame `i` as linear BT.2020 light, at the stored size.
    func picture(_ i: Int) throws(MediaError) -> LinearPicture {
        var result: LinearPicture?
        for (k, weight) in sources(of: i) {
            let n = i - pieces[k].firstFrame + 1
            let (space, decoded) = try decoder.decode(try archives[k].frame(n), path: pieces[k].zip, frame: n)
            colorSpaces[k] = space
            let picture = try stored(decoded, path: pieces[k].zip, frame: n)
            result = result.map { $0.mixed(with: picture, weight: weight) } ?? picture
        }
        return result!
    }

    /// An answer's picture at the input's stored size: as it is, or turned
    /// back from upright for a clip whose display matrix turns it by 90 or 270.
    private func stored(_ p: LinearPicture, path: String, frame n: Int) throws(MediaError) -> LinearPicture {
        if (p.width, p.height) == size { return p }
        if (p.height, p.width) == size, turn == 90 || turn == 270 {
            answersUpright = true
            return p.turned(clockwise: turn)
        }
        throw MediaError(kind: .unsupported, path: path, message: "frame \(n) is \(p.width)x\(p.height); the input is \(size.width)x\(size.height)")
    }
}
