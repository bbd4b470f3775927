import LTXJournal
import LTXMedia
import LTXPreflight

/// What one call of a whole-video retake sent: the part of the input, how it
/// was made, and its size against the limit of the way it was delivered, so
/// a report can show that a window too big for a data URI was made to fit.
public struct SentWindow: Sendable, Equatable {
    /// Where the file sent sat in the input.
    public var span: SentWindowSpan
    public var frames: Int
    public var delivery: Delivery
    /// The file's bytes.
    public var bytes: Int64
    /// What the delivery's limit counts: the data URI's length for a data
    /// URI (base64 takes 4 bytes for 3), else the file's bytes.
    public var countedBytes: Int64
    public var limitBytes: Int64
    /// The pictures were re-encoded (cut exactly, or to fit the limit)
    /// rather than copied from a keyframe as they were.
    public var reencoded: Bool
    /// The average video rate, in bits per second, the window was
    /// re-encoded at to fit the limit; nil when no size fix was needed.
    public var fittedBitRate: Int?

    /// Nil for a fix that cut no window (the whole input was sent).
    public init?(_ fix: FixOutcome) {
        guard let window = fix.window else { return nil }
        let media = fix.report.media
        let limit = fix.report.sizeLimit(for: .video)
        span = window.span
        frames = media.primaryVideo?.frameCount ?? 0
        delivery = fix.report.delivery
        bytes = media.sizeBytes
        countedBytes = limit.encoded ? Delivery.dataURILength(fileSize: media.sizeBytes, mimeType: media.container.mimeType) : media.sizeBytes
        limitBytes = limit.bytes
        if case .encode(let v) = fix.plan.video {
            reencoded = true
            fittedBitRate = fix.plan.operations.contains { $0.action == .recompress } ? v.bitRate : nil
        } else {
            reencoded = false
            fittedBitRate = nil
        }
    }
}

/// Its JSON as it always was: the span's `inputStart` and `duration` beside
/// the other keys, one flat object.
extension SentWindow: Codable {
    private enum CodingKeys: String, CodingKey {
        case frames, delivery, bytes, countedBytes, limitBytes, reencoded, fittedBitRate
    }

    public init(from decoder: any Decoder) throws {
        span = try SentWindowSpan(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frames = try c.decode(Int.self, forKey: .frames)
        delivery = try c.decode(Delivery.self, forKey: .delivery)
        bytes = try c.decode(Int64.self, forKey: .bytes)
        countedBytes = try c.decode(Int64.self, forKey: .countedBytes)
        limitBytes = try c.decode(Int64.self, forKey: .limitBytes)
        reencoded = try c.decode(Bool.self, forKey: .reencoded)
        fittedBitRate = try c.decodeIfPresent(Int.self, forKey: .fittedBitRate)
    }

    public func encode(to encoder: any Encoder) throws {
        try span.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(frames, forKey: .frames)
        try c.encode(delivery, forKey: .delivery)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(countedBytes, forKey: .countedBytes)
        try c.encode(limitBytes, forKey: .limitBytes)
        try c.encode(reencoded, forKey: .reencoded)
        try c.encodeIfPresent(fittedBitRate, forKey: .fittedBitRate)
    }
}
