import LTXContract
import LTXMedia

/// One video-to-video-hdr call of a whole clip: the frames it sends and how
/// they are cut. Decided once (`HDRPieces`); the fix, the request, the
/// price and the assembly are derived from it.
public struct HDRPiece: Sendable, Codable, Equatable {
    /// The input's frames `firstFrame ..< firstFrame + frameCount`, in display order.
    public var firstFrame: Int
    public var frameCount: Int
    /// Those frames on the input's timeline: from the first one's time to the next one's.
    public var window: TimeWindow
    /// Cut exactly (re-encoded) rather than by stream copy from a keyframe.
    public var exact: Bool

    public init(firstFrame: Int, frameCount: Int, window: TimeWindow, exact: Bool) {
        self.firstFrame = firstFrame
        self.frameCount = frameCount
        self.window = window
        self.exact = exact
    }

    /// What the fix cuts for this piece; `cuts` false when it is the whole clip.
    public func sent(clipFrames: Int) -> EditWindow {
        EditWindow(span: window, exact: exact, cuts: frameCount < clipFrames)
    }
}

/// Why a clip cannot be planned into HDR pieces.
public enum HDRPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Past 3840x2160: HDR answers at the input's size and takes no larger.
    case pastFourK(width: Int, height: Int)
    /// The overlap asked for leaves a piece no new frames to add.
    case overlapTooLong(overlap: Int, most: Int, tier: String)
    case noFrames

    public var description: String {
        switch self {
        case .pastFourK(let w, let h): "it is \(w)x\(h); HDR takes at most 3840x2160 (either orientation) and answers at the input's size"
        case .overlapTooLong(let o, let most, let tier): "an overlap of \(o) frames is more than the \(most) a \(tier) piece can share with the next"
        case .noFrames: "it has no video frames"
        }
    }
}

/// The pieces an HDR conversion sends: as few as the tier's frame limit
/// allows (each frame is billed once, plus the overlap), each cut where a
/// stream copy can make it ("cut where the fix can copy"), else exactly. Pure.
public enum HDRPieces {
    /// The most frames two neighbouring pieces may share at a tier of `tierFrames`: under half a piece.
    public static func mostOverlap(tierFrames: Int) -> Int { max(0, (tierFrames - 1) / 2) }

    /// The pieces of a clip whose frames are shown at `frameTimes` (display
    /// order, seconds on the input's timeline) and end at `clipEnd`, at
    /// most `tierFrames` each, neighbours sharing `overlap` frames. The
    /// fewest pieces that hold the clip, their starts spread evenly; a
    /// start moves to a keyframe (`keyframes`, indices into `frameTimes`)
    /// when one lies where the count of pieces stays the fewest, and such a
    /// piece is copied when `copyable` (H.264 or HEVC). `settle` confirms
    /// each copy against the packets.
    public static func plan(frameTimes: [Double], clipEnd: Double, tierFrames: Int, tierName: String, keyframes: Set<Int>, copyable: Bool,
                            overlap: Int = 0) -> Result<[HDRPiece], HDRPlanError> {
        let n = frameTimes.count
        guard n > 0, tierFrames > 0 else { return .failure(.noFrames) }
        let most = mostOverlap(tierFrames: tierFrames)
        guard overlap >= 0, overlap <= most else { return .failure(.overlapTooLong(overlap: max(overlap, 0), most: most, tier: tierName)) }
        let step = tierFrames - overlap
        // Every piece but the last adds `step` new frames; the last takes up to `tierFrames`.
        let count = n <= tierFrames ? 1 : 1 + (n - tierFrames + step - 1) / step
        var starts = [0]
        for i in 1..<count {
            let previous = starts[i - 1]
            let left = count - i
            // The latest start that keeps the previous piece within the limit, and the
            // earliest that lets the `left` pieces from here still hold the rest.
            let latest = previous + step
            let earliest = max(previous + 1, n - tierFrames - (left - 1) * step)
            // Even pieces: the frames still to send (with the overlaps they repeat) shared by the pieces left.
            let share = Double(n - previous + left * overlap) / Double(left + 1)
            let target = min(max(previous + Int(share.rounded()) - overlap, earliest), latest)
            let snapped = copyable ? keyframes.filter { (earliest...latest).contains($0) }.min { abs($0 - target) < abs($1 - target) } : nil
            starts.append(snapped ?? target)
        }
        let pieces = starts.enumerated().map { i, first in
            let end = i + 1 < count ? starts[i + 1] + overlap : n
            let until = end < n ? frameTimes[end] : clipEnd
            return HDRPiece(firstFrame: first, frameCount: end - first, window: TimeWindow(start: frameTimes[first], duration: until - frameTimes[first]),
                            exact: !(copyable && keyframes.contains(first)))
        }
        return .success(pieces)
    }

    /// A piece planned as a copy stays one when the packets say a stream copy
    /// of its window starts on its first frame and holds every one of its
    /// frames (with B-frames a copy can stop a few pictures short); otherwise
    /// it is cut exactly.
    public static func settle(_ piece: HDRPiece, cut: WindowCut?) -> HDRPiece {
        guard !piece.exact else { return piece }
        var settled = piece
        if let cut, let k = cut.keyframe, abs(k - piece.window.start) < 1e-6, cut.copiedFrames == piece.frameCount { return settled }
        settled.exact = true
        return settled
    }

    /// The seconds of input the pieces send, each frame counted once per piece
    /// that holds it (the overlaps twice): what the API bills.
    public static func seconds(_ pieces: [HDRPiece]) -> Double {
        (pieces.reduce(0) { $0 + $1.window.duration } * 1000).rounded() / 1000
    }
}
