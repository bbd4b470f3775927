import LTXMedia
import LTXPreflight

/// What one call of a whole-video retake sent: the part of the input, how it
/// was made, and its size against the limit of the way it was delivered, so
/// a report can show that a window too big for a data URI was made to fit.
public struct SentWindow: Sendable, Codable, Equatable {
    /// Where the file sent starts in the input, and its length, in seconds.
    public var inputStart: Double
    public var duration: Double
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
        inputStart = window.inputStart
        duration = window.duration
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
