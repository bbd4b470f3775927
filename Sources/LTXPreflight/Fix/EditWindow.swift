import LTXMedia

/// The part of the input one paid edit (a retake's window, an extend's
/// context) sends, as its plan decided it: where on the input, cut by stream
/// copy from a keyframe or exactly, and the frame it is padded onto for an
/// endpoint that takes only some shapes. The fix, the journal's fingerprint
/// and the splice read it; nothing below the plan decides it again.
public struct EditWindow: Sendable, Codable, Equatable {
    /// On the input's timeline.
    public var span: TimeWindow
    /// Cut exactly (re-encoded) rather than by stream copy from a keyframe.
    public var exact: Bool
    /// The frame the picture is centred on; nil sends its own shape.
    public var canvas: Canvas?
    /// Whether `span` is shorter than the clip (`cutsClip`): when not, the
    /// whole clip goes, padded only.
    public var cuts: Bool
    /// The pictures the cut must hold, reached by holding its last one: a
    /// variable-rate clip's span can hold fewer than the API's 73 that its
    /// length promises at the average rate. Nil: the cut as it comes.
    public var padTo: Int?

    /// True when `span` is shorter than a clip of `duration` seconds at
    /// `frameRate` by at least half a frame: then it is cut from the clip,
    /// else the whole clip is sent. The one place this is decided.
    public static func cuts(_ span: TimeWindow, clipDuration duration: Double, frameRate: Double) -> Bool {
        span.duration < duration - 0.5 / max(frameRate, 1)
    }

    public init(span: TimeWindow, exact: Bool, canvas: Canvas? = nil, cuts: Bool, padTo: Int? = nil) {
        self.padTo = padTo
        self.span = span
        self.exact = exact
        self.canvas = canvas
        self.cuts = cuts
    }
}

extension RetakeCall {
    /// What this call sends, for the fix.
    public func sent(clipDuration: Double, frameRate: Double) -> EditWindow {
        EditWindow(span: window, exact: exact, cuts: cutsClip(duration: clipDuration, frameRate: frameRate))
    }
}

extension ExtendCall {
    /// What this call sends, for the fix: its context, padded when it must be.
    public func sent(clipDuration: Double, frameRate: Double) -> EditWindow {
        EditWindow(span: window, exact: exact, canvas: canvas, cuts: EditWindow.cuts(window, clipDuration: clipDuration, frameRate: frameRate),
                   padTo: heldFrames.map { _ in contextFrames })
    }
}
