import LTXMedia
import LTXPreflight

/// What part of the original an answer's pictures or sound cover. An answer
/// is untrusted input (the API's, or a file a user names): one that ends
/// before its section would be spliced in as held pictures and silence, so
/// it is measured first and refused when it falls short.
public struct AnswerCoverage: Sendable, Equatable {
    public enum Track: String, Sendable { case pictures, sound }

    public var answer: String
    public var track: Track
    /// On the original's timeline; nil when the answer has no such stream.
    public var covered: TimeWindow?
    /// The answer is a still image: one picture, no length.
    public var stillImage: Bool

    /// How far short of its section an answer may end: about one frame, as an
    /// API answer can (a window padded or rounded by the encoder), plus timestamp rounding.
    static func slack(frameRate: Double?) -> Double {
        1 / max(AssumedFrameRate.of(frameRate), 1) + 0.002
    }

    /// Each piece's answer holds pictures over its whole section (when the
    /// splice takes them) and sound over the part of it the original has
    /// sound for (when the splice takes the answer's sound); else the first
    /// shortfall, as a typed error. Every answer is probed once.
    static func check(_ pieces: [SpliceJob.Piece], original: MediaInfo, replaceVideo: Bool, replaceAudio: Bool) async throws(WorkflowError) {
        var probed: [String: MediaInfo] = [:]
        let originalSoundEnd = original.primaryAudio.map { $0.duration ?? original.duration ?? 0 }
        for piece in pieces {
            let media: MediaInfo
            if let known = probed[piece.answer] { media = known } else {
                do throws(MediaError) { media = try await MediaProbe.probe(piece.answer) } catch { throw .unreadable(error) }
                probed[piece.answer] = media
            }
            let slack = slack(frameRate: media.primaryVideo?.frameRate)
            if replaceVideo {
                let pictures = coverage(of: media, track: .pictures, answer: piece.answer, startingAt: piece.answerStart)
                if !pictures.holds(piece.section, slack: slack) {
                    throw .answerShort(pictures, original: original.path, section: piece.section)
                }
            }
            // Sound is taken only where the original has some (a section past its sound's end mixes nothing there).
            if replaceAudio, let soundEnd = originalSoundEnd {
                let needed = TimeWindow(start: piece.section.start, duration: min(piece.section.end, soundEnd) - piece.section.start)
                guard needed.duration > slack else { continue }
                let sound = coverage(of: media, track: .sound, answer: piece.answer, startingAt: piece.answerStart)
                if !sound.holds(needed, slack: slack) {
                    throw .answerShort(sound, original: original.path, section: piece.section)
                }
            }
        }
    }

    /// An extend's answer holds `added` seconds of pictures (its extension).
    static func checkExtension(_ media: MediaInfo, answer: String, added: Double, frames: Int) throws(WorkflowError) {
        let pictures = coverage(of: media, track: .pictures, answer: answer, startingAt: 0)
        if !pictures.holds(TimeWindow(start: 0, duration: added), slack: slack(frameRate: media.primaryVideo?.frameRate)) {
            throw .answerShortOfExtension(pictures, seconds: added, frames: frames)
        }
    }

    /// The span `track` of `media` covers once its first instant is put at `start`.
    /// A still image counts as no length: it is one picture, held.
    static func coverage(of media: MediaInfo, track: Track, answer: String, startingAt start: Double) -> AnswerCoverage {
        switch track {
        case .pictures:
            guard let video = media.primaryVideo else { return AnswerCoverage(answer: answer, track: track, covered: nil, stillImage: false) }
            let length = video.isImage ? 0 : video.duration ?? media.duration ?? 0
            return AnswerCoverage(answer: answer, track: track, covered: TimeWindow(start: start, duration: length), stillImage: video.isImage)
        case .sound:
            guard let sound = media.primaryAudio else { return AnswerCoverage(answer: answer, track: track, covered: nil, stillImage: false) }
            return AnswerCoverage(answer: answer, track: track, covered: TimeWindow(start: start, duration: sound.duration ?? media.duration ?? 0),
                                  stillImage: false)
        }
    }

    /// `needed` lies inside what is covered, its end allowed `slack` past it.
    func holds(_ needed: TimeWindow, slack: Double) -> Bool {
        guard let covered, !stillImage else { return false }
        return covered.start <= needed.start + 0.001 && covered.end + slack >= needed.end
    }

    /// "its pictures cover 18 s to 21 s of long.mp4", or that it has none.
    func sentence(of original: String?) -> String {
        guard let covered else { return "it has no \(track == .pictures ? "video" : "sound")" }
        let of = original.map { " of \($0)" } ?? ""
        if stillImage { return "it is a still image: one picture" + (original.map { ", at \(Format.seconds(covered.start)) of \($0)" } ?? "") }
        return "its \(track.rawValue) cover \(Format.seconds(covered.start)) to \(Format.seconds(covered.end))\(of)"
    }
}
