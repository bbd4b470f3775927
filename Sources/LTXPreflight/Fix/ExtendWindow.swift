import LTXContract
import LTXMedia

/// One extend call: the context sent, the seconds asked for, and what is
/// billed. Decided once (`ExtendWindow`); the fix, the request and the
/// splice are derived from it.
public struct ExtendCall: Sendable, Codable, Equatable {
    public typealias Edge = SpliceJob.Extension.Edge

    /// Where the extension goes: after the input's last picture, or before its first.
    public var edge: Edge
    /// The context sent, on the input's timeline: the input's last (or first) seconds.
    public var window: TimeWindow
    /// Cut exactly (re-encoded) rather than by stream copy from a keyframe.
    public var exact: Bool
    /// The pictures of context the file sent holds (padded to the API's 73).
    public var contextFrames: Int
    /// Pictures added at the input's rate, and the seconds asked for.
    public var addedFrames: Int
    public var added: Double
    /// Context and extension at the input's rate, at most 505 frames: what is billed.
    public var billedSeconds: Double
    /// The frame the context is centred on when the input is neither 16:9 nor 9:16.
    public var canvas: Canvas?
    /// Pictures added to a cut context by holding its last one, when its span
    /// holds fewer than the API's 73 (a variable frame rate); nil when none.
    public var heldFrames: Int?

    /// The part of the answer's picture that is the input's, when it was padded.
    public func crop(width: Int, height: Int) -> SpliceJob.Crop? {
        guard let canvas, canvas.width > 0, canvas.height > 0 else { return nil }
        let w = Double(width) / Double(canvas.width), h = Double(height) / Double(canvas.height)
        return SpliceJob.Crop(x: (1 - w) / 2, y: (1 - h) / 2, width: w, height: h)
    }
}

/// Why an extend cannot be planned.
public enum ExtendPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The seconds asked for are outside what the API adds (2 to 20).
    case addedOutOfRange(Double)
    /// The context asked for is outside 1 to 20 s.
    case contextOutOfRange(Double)
    /// Context and extension would pass 505 frames at the input's rate.
    case tooManyFrames(context: Int, added: Int, frameRate: Double)

    public var description: String {
        switch self {
        case .addedOutOfRange(let s):
            "extend adds \(Format.seconds(Catalogue.Extend.durations.lowerBound)) to \(Format.seconds(Catalogue.Extend.durations.upperBound)), not \(Format.seconds(s))"
        case .contextOutOfRange(let s):
            "the context sent is 1 to \(Format.seconds(Catalogue.Extend.maxContext)), not \(Format.seconds(s))"
        case .tooManyFrames(let c, let a, let fps):
            "\(c) frames of context and \(a) added make \(c + a); extend takes at most \(Catalogue.Extend.maxFrames) at the input's \(Format.number(fps, decimals: 3)) fps"
        }
    }
}

/// The context an extend sends: as little as gives the model a good
/// continuation, since every second of it is billed with the extension. Pure.
public enum ExtendWindow {
    /// With no context asked for: 2 s, and never fewer pictures than the 73
    /// the API takes (at 24 fps, 3.04 s).
    public static let defaultContext = 2.0

    /// The context wanted: the input's last (`end`) or first `context`
    /// seconds, within the clip, the 20 s cap and 505 frames with the extension.
    public static func wanted(edge: ExtendCall.Edge, added: Double, context: Double?, clipDuration: Double,
                              frameRate: Double) -> Result<TimeWindow, ExtendPlanError> {
        let fps = AssumedFrameRate.of(frameRate)
        guard Catalogue.Extend.durations.contains(added) else { return .failure(.addedOutOfRange(added)) }
        if let context, !(1...Catalogue.Extend.maxContext).contains(context) { return .failure(.contextOutOfRange(context)) }
        let addedFrames = Int((added * fps).rounded())
        let least = Double(APILimits.videoFrames.lowerBound) / fps
        var seconds = context ?? max(defaultContext, least)
        seconds = min(seconds, clipDuration, Catalogue.Extend.maxContext)
        let contextFrames = max(APILimits.videoFrames.lowerBound, Int((seconds * fps).rounded()))
        guard contextFrames + addedFrames <= Catalogue.Extend.maxFrames else {
            return .failure(.tooManyFrames(context: contextFrames, added: addedFrames, frameRate: fps))
        }
        return .success(edge == .end ? TimeWindow(start: max(0, clipDuration - seconds), duration: min(seconds, clipDuration))
                                     : TimeWindow(start: 0, duration: seconds))
    }

    /// The call, once the input's packets around `window` were read (`cut`):
    /// an end context starts on the keyframe before it when that adds at most
    /// `RetakeWindow.maxSnap` and stays within the limits (a stream copy);
    /// otherwise, or when the picture must be padded (`canvas`) or the codec
    /// cannot be copied, it is cut exactly. A start context begins on the
    /// first keyframe and is copied.
    public static func settle(_ window: TimeWindow, edge: ExtendCall.Edge, added: Double, cut: WindowCut?, copyable: Bool,
                              canvas: Canvas?, clipDuration: Double, frameRate: Double) -> ExtendCall {
        let fps = AssumedFrameRate.of(frameRate)
        let addedFrames = Int((added * fps).rounded())
        let most = Catalogue.Extend.maxFrames - addedFrames
        var window = window
        var exact = !copyable || canvas != nil
        var frames = cut.map { exact ? $0.exactFrames : $0.copiedFrames } ?? Int((window.duration * fps).rounded())
        // A span of a variable-rate clip can hold fewer pictures than its length at the average rate:
        // such a cut is encoded (a copy cannot be padded) and padded to the API's 73.
        let least = APILimits.videoFrames.lowerBound
        var held: Int?
        if let cut, cut.exactFrames < least, EditWindow.cuts(window, clipDuration: clipDuration, frameRate: fps) {
            exact = true
            frames = cut.exactFrames
            held = least - cut.exactFrames
        }
        if !exact, edge == .end {
            exact = true
            frames = cut?.exactFrames ?? frames
            if let k = cut?.keyframe, k <= window.start + 1e-6, window.start - k <= RetakeWindow.maxSnap,
               let copied = cut?.copiedFrames, copied <= most, window.end - k <= Catalogue.Extend.maxContext + 1e-9 {
                window = TimeWindow(start: k, duration: window.end - k)
                exact = false
                frames = copied
            }
        }
        let contextFrames = max(frames, APILimits.videoFrames.lowerBound)
        let billed = min(contextFrames + addedFrames, Catalogue.Extend.maxFrames)
        return ExtendCall(edge: edge, window: window, exact: exact, contextFrames: contextFrames, addedFrames: addedFrames, added: added,
                          billedSeconds: (Double(billed) / fps * 1000).rounded() / 1000, canvas: canvas, heldFrames: held)
    }
}
