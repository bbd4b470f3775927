import LTXJournal

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
