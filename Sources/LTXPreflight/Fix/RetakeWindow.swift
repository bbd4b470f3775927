import LTXMedia

/// One retake call of a whole-video retake: the part of the input sent, the
/// section the API regenerates, and the user's sections it serves.
public struct RetakeCall: Sendable, Codable, Equatable {
    /// The part of the input sent, on the input's timeline.
    public var window: TimeWindow
    /// The section the API retakes, on the input's timeline: from the first
    /// section's start to the last one's end.
    public var section: TimeWindow
    /// The sections spliced back from this call's answer.
    public var sections: [TimeWindow]
    /// Cut exactly (the window re-encoded) rather than from a keyframe by
    /// stream copy.
    public var exact: Bool
    /// The pictures the file sent holds, padding included, and so what is
    /// billed; nil until the input's packets were read (`billed`).
    public var frames: Int?
    /// The seconds of input billed for it: `frames` at the input's rate.
    public var seconds: Double?

    /// True when the window is shorter than the clip (`EditWindow.cuts`).
    public func cutsClip(duration: Double, frameRate: Double) -> Bool {
        EditWindow.cuts(window, clipDuration: duration, frameRate: frameRate)
    }

    public init(window: TimeWindow, section: TimeWindow, sections: [TimeWindow], exact: Bool, frames: Int? = nil, seconds: Double? = nil) {
        self.window = window
        self.section = section
        self.sections = sections
        self.exact = exact
        self.frames = frames
        self.seconds = seconds
    }
}

/// Where a video edit's window sits on the input: a whole-video retake's
/// windows, as small as the model needs, not as large as the API allows,
/// since every second sent costs money; a single call's, the longest the API
/// takes around its section. The one planner of both. Pure.
public enum RetakeWindow {
    /// Snapping back to a keyframe (a stream copy) is worth at most this many
    /// seconds more of input; further back, the window is cut exactly.
    public static let maxSnap = 1.0

    /// Each section plus `context` seconds on each side, widened to the API's
    /// minimum frame count, within the clip and the longest window; windows
    /// that overlap or touch merge into one call.
    public static func plan(sections: [TimeWindow], context: Double, duration: Double, frameRate: Double) -> Result<[RetakeCall], FixPlanError> {
        let fps = AssumedFrameRate.of(frameRate)
        let longest = APILimits.maxWindow(frameRate: fps)
        let shortest = Double(APILimits.videoFrames.lowerBound) / fps
        var calls: [RetakeCall] = []
        for section in sections.sorted(by: { $0.start < $1.start }) {
            guard section.start >= 0, section.end <= duration + 0.001 else {
                return .failure(.needsSection("the section \(Format.seconds(section.start)) to \(Format.seconds(section.end)) is not inside the clip (0 to \(Format.seconds(duration)))"))
            }
            guard section.duration >= APILimits.sectionMinDuration - 1e-9 else {
                return .failure(.needsSection("the section is \(Format.seconds(section.duration)); the API retakes at least \(Format.seconds(APILimits.sectionMinDuration))"))
            }
            guard section.duration <= longest + 1e-9 else {
                return .failure(.sectionTooLong(seconds: section.duration, longest: longest, frameRate: fps))
            }
            let margin = min(max(0, context), (longest - section.duration) / 2)
            var window = fitted(start: section.start - margin, end: section.end + margin, duration: duration)
            if window.duration < shortest {
                let grow = (shortest - window.duration) / 2
                window = fitted(start: window.start - grow, end: window.end + grow, duration: duration, length: shortest)
            }
            let call = RetakeCall(window: window, section: section, sections: [section], exact: false)
            if let last = calls.last, window.start <= last.window.end + 1 / fps,
               max(last.window.end, window.end) - last.window.start <= longest + 1e-9 {
                let merged = TimeWindow(start: last.window.start, duration: max(last.window.end, window.end) - last.window.start)
                let span = TimeWindow(start: last.section.start, duration: section.end - last.section.start)
                calls[calls.count - 1] = RetakeCall(window: merged, section: span, sections: last.sections + [section], exact: false)
            } else {
                calls.append(call)
            }
        }
        return .success(calls)
    }

    /// A single call's window: the longest the API takes at `frameRate`,
    /// centred on `section`, moved (not shortened) to stay inside a clip of
    /// `duration` seconds.
    public static func longest(around section: TimeWindow, duration: Double, frameRate: Double) -> TimeWindow {
        let length = APILimits.maxWindow(frameRate: AssumedFrameRate.of(frameRate))
        let center = section.start + section.duration / 2
        return fitted(start: center - length / 2, end: center + length / 2, duration: duration, length: length)
    }

    /// `start` to `end` inside 0...duration, keeping `length` when the clip
    /// allows by moving the window rather than shortening it.
    private static func fitted(start: Double, end: Double, duration: Double, length: Double? = nil) -> TimeWindow {
        let wanted = min(length ?? (end - start), duration)
        var s = max(0, start)
        if s + wanted > duration { s = max(0, duration - wanted) }
        // A length asked for is kept exactly, not as `end - start` rounds it.
        if length != nil { return TimeWindow(start: s, duration: wanted) }
        let e = min(duration, max(end, s + wanted))
        return TimeWindow(start: s, duration: e - s)
    }

    /// `call` with what its file sends: `cut` frames (a clip shorter than the
    /// API's minimum is padded to it by holding its last picture), at `frameRate`.
    public static func billed(_ call: RetakeCall, frames cut: Int, frameRate: Double) -> RetakeCall {
        var call = call
        let frames = max(cut, APILimits.videoFrames.lowerBound)
        call.frames = frames
        // Milliseconds, as the estimate and the journal show them.
        call.seconds = (Double(frames) / AssumedFrameRate.of(frameRate) * 1000).rounded() / 1000
        return call
    }

    /// Starts the window on `keyframe` (a stream copy) when that adds at most
    /// `maxSnap` seconds and stays within the longest window; otherwise the
    /// window is cut exactly.
    /// `copiedUntil` is where the copy's last picture is shown: with B-frames a
    /// copy ends a few pictures early, and it must still hold the whole section.
    public static func snap(_ call: RetakeCall, keyframe: Double?, copiedUntil: Double? = nil, frameRate: Double) -> RetakeCall {
        var call = call
        let fps = AssumedFrameRate.of(frameRate)
        let longest = APILimits.maxWindow(frameRate: fps)
        if let k = keyframe, k <= call.window.start + 1e-6, call.window.start - k <= maxSnap, call.window.end - k <= longest + 1e-9,
           holdsSection(copiedUntil: copiedUntil, sectionEnd: call.section.end, frameRate: fps) {
            call.window = TimeWindow(start: k, duration: call.window.end - k)
            call.exact = false
        } else {
            call.exact = true
        }
        return call
    }

    /// Whether a stream copy whose last picture is shown at `copiedUntil`
    /// (nil: not measured, taken as whole) still holds a section ending at
    /// `sectionEnd`: that picture may start up to 1.5 frames before it (the
    /// last frame's own length, and rounding of the container's times).
    public static func holdsSection(copiedUntil: Double?, sectionEnd: Double, frameRate: Double?) -> Bool {
        copiedUntil.map { $0 >= sectionEnd - 1.5 / AssumedFrameRate.of(frameRate) } ?? true
    }
}
