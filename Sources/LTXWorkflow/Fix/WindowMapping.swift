import LTXJournal

extension FixOutcome {
    /// Where a fix's window sat in the input, and where the section starts in it.
    public struct WindowMapping: Sendable, Equatable {
        /// Where the output sat in the input.
        public var span: SentWindowSpan
        /// The retake section's start inside the output, in seconds and frames.
        public var sectionStart: Double?
        public var sectionStartFrame: Int?

        /// `sectionOnInput` is the section's start on the input: it is counted
        /// from the span's start, never before the window's first picture.
        init(_ span: SentWindowSpan, sectionOnInput: Double, frameRate: Double) {
            self.init(span, sectionStart: max(0, sectionOnInput - span.inputStart), frameRate: frameRate)
        }

        /// `sectionStart` is in the window already.
        init(_ span: SentWindowSpan, sectionStart: Double?, frameRate: Double?) {
            self.span = span
            self.sectionStart = sectionStart
            // The first picture shown at or after the section's start, as a splice counts it
            // (a keyframe off the whole-second grid puts the start between two pictures).
            sectionStartFrame = both(sectionStart, frameRate).map { Int(($0 * $1 - 1e-6).rounded(.up)) }
        }
    }
}

/// The mapping's JSON as it always was: the span's `inputStart` and
/// `duration` beside the section's keys, one flat object.
extension FixOutcome.WindowMapping: Codable {
    private enum CodingKeys: String, CodingKey {
        case sectionStart, sectionStartFrame
    }

    public init(from decoder: any Decoder) throws {
        span = try SentWindowSpan(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sectionStart = try c.decodeIfPresent(Double.self, forKey: .sectionStart)
        sectionStartFrame = try c.decodeIfPresent(Int.self, forKey: .sectionStartFrame)
    }

    public func encode(to encoder: any Encoder) throws {
        try span.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(sectionStart, forKey: .sectionStart)
        try c.encodeIfPresent(sectionStartFrame, forKey: .sectionStartFrame)
    }
}

private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
