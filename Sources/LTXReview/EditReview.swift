#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LTXContract
import LTXJournal
import LTXMedia
import LTXWorkflow

/// What one edit did to a video, for a person to look at: the original and
/// the output side by side, which frames were copied, re-encoded or came
/// from the answer, the sections asked for, the windows sent and billed,
/// and what it cost. Built from an edit's outcome (`init(retake:)`...), or
/// from the two files alone (`fromFiles`), then turned into one page
/// (`page()`, `write(to:)`).
///
/// ```swift
/// try await EditReview.write(original: "clip.mp4", output: "clip-retaken.mp4", journal: journal, to: "review.html")
/// ```
public struct EditReview: Sendable {
    /// What a file is, as the page sets the two side by side.
    public struct Facts: Sendable, Equatable {
        public var path: String
        public var codec: String
        public var sampleEntry: String?
        public var width: Int
        public var height: Int
        public var rotation: Int
        public var pixelFormat: String?
        public var colorPrimaries: String?
        public var colorTransfer: String?
        public var colorSpace: String?
        public var frames: Int
        public var duration: Double?
        public var frameRate: Double?
        public var audio: String?

        public init(_ info: MediaInfo, sampleEntry: String?) {
            let v = info.primaryVideo
            path = info.path
            codec = v.map { $0.codec + ($0.profile.map { " \($0)" } ?? "") } ?? "none"
            self.sampleEntry = sampleEntry
            width = v?.codedWidth ?? 0
            height = v?.codedHeight ?? 0
            rotation = v?.rotation ?? 0
            pixelFormat = v?.pixelFormat
            colorPrimaries = v?.colorPrimaries
            colorTransfer = v?.colorTransfer
            colorSpace = v?.colorSpace
            frames = v?.frameCount ?? 0
            duration = v?.duration ?? info.duration
            frameRate = v?.frameRate
            // As decoded: HE-AAC's header states half the rate it plays at.
            audio = info.primaryAudio.map { "\($0.codec)" + ($0.profile.map { " \($0)" } ?? "") + " \($0.decodedSampleRate ?? $0.sampleRate) Hz \($0.decodedChannels ?? $0.channels) ch" }
        }
    }

    /// One paid call of the edit: the window sent, what it cost, its journal entry.
    public struct Call: Sendable, Equatable {
        /// The part of the original sent, on its timeline; nil when unknown.
        public var sent: TimeWindow?
        /// Seconds of input billed; nil when unknown.
        public var billedSeconds: Double?
        /// The section the call replaces, on the original's timeline.
        public var section: TimeWindow?
        public var jobID: String?
        /// Dollars, as estimated before it was paid.
        public var cost: Double?
        /// The journal's fingerprint and state of the request, when it is journaled.
        public var fingerprint: String?
        public var state: String?
        public var endpoint: String?

        public init(sent: TimeWindow? = nil, billedSeconds: Double? = nil, section: TimeWindow? = nil, jobID: String? = nil, cost: Double? = nil,
                    fingerprint: String? = nil, state: String? = nil, endpoint: String? = nil) {
            self.sent = sent
            self.billedSeconds = billedSeconds
            self.section = section
            self.jobID = jobID
            self.cost = cost
            self.fingerprint = fingerprint
            self.state = state
            self.endpoint = endpoint
        }
    }

    /// `retake`, `extend`, `reframe`, `splice`, `hdr`, or `edit` when the files alone say it.
    public var edit: String
    public var original: Facts
    public var output: Facts
    /// The output frame by frame, on the output's timeline.
    public var runs: [SpliceResult.FrameRange]
    /// The runs were inferred from the two files (equal packets, PSNR),
    /// not reported by the edit that wrote the output.
    public var runsInferred: Bool
    /// The sections asked for, on the original's timeline.
    public var sections: [TimeWindow]
    public var calls: [Call]
    /// The original and the output differ in shape (a reframe): the page
    /// shows them side by side at a few moments, no PSNR.
    public var reshaped: Bool
    /// Both files' packets, once read: the page's pictures are found by them.
    var packets: (original: EditSamples.Packets, output: EditSamples.Packets)?

    public init(edit: String, original: Facts, output: Facts, runs: [SpliceResult.FrameRange], runsInferred: Bool = false,
                sections: [TimeWindow] = [], calls: [Call] = []) {
        self.edit = edit
        self.original = original
        self.output = output
        self.runs = runs
        self.runsInferred = runsInferred
        self.sections = sections
        self.calls = calls
        reshaped = original.width != output.width || original.height != output.height
    }

    /// The total estimated cost of the calls that have one.
    public var cost: Double? {
        let costs = calls.compactMap(\.cost)
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }

    /// Where the output changes source: the first frame of every run but the first.
    public var seams: [Int] { runs.dropFirst().map(\.firstFrame) }
}

// MARK: - From an edit's outcome

extension EditReview {
    /// Both files' facts and packets, read again (the output as written);
    /// the packets' digests only when the runs are to be inferred.
    static func read(original: String, output: String, digests: Bool) async throws(MediaError) -> (Facts, Facts, EditSamples.Packets, EditSamples.Packets) {
        let ((fa, pa), (fb, pb)) = try await Concurrently.both({ () async throws(MediaError) in try await read(original, digests: digests) },
                                                              { () async throws(MediaError) in try await read(output, digests: digests) })
        return (fa, fb, pa, pb)
    }

    static func read(_ path: String, digests: Bool) async throws(MediaError) -> (Facts, EditSamples.Packets) {
        let (info, packets) = try await Concurrently.both({ () async throws(MediaError) in try await MediaProbe.probe(path) },
                                                          { () async throws(MediaError) in try await EditSamples.packets(path, digests: digests) })
        return (Facts(info, sampleEntry: packets.sampleEntry), packets)
    }

    /// The review of `output` against `original` with `runs` as the edit reported them.
    static func reported(_ edit: String, original: String, output: String, runs: (Facts) -> [SpliceResult.FrameRange],
                         sections: [TimeWindow] = [], calls: [Call] = []) async throws(MediaError) -> EditReview {
        let (a, b, pa, pb) = try await read(original: original, output: output, digests: false)
        var review = EditReview(edit: edit, original: a, output: b, runs: runs(b), sections: sections, calls: calls)
        review.packets = (pa, pb)
        return review
    }

    /// A retake's review: its splice's runs, its sections, each call's window and cost.
    public static func retake(_ outcome: RetakeOutcome) async throws(MediaError) -> EditReview? {
        guard let splice = outcome.splice else { return nil }
        var review = try await spliced(splice, edit: "retake")
        review.calls = zip(outcome.calls, outcome.generations).map { call, generation in
            Call(sent: call.window, billedSeconds: call.seconds ?? generation.estimate?.seconds, section: call.section, jobID: generation.jobID,
                 cost: generation.estimate?.dollars, fingerprint: generation.fingerprint)
        }
        if review.calls.count == 1, review.calls[0].cost == nil { review.calls[0].cost = outcome.estimate?.dollars }
        return review
    }

    /// A splice's review: which frames came from where, the sections
    /// replaced; `edit` names what wrote it (an extend's join is a splice too).
    public static func splice(_ outcome: SpliceOutcome, edit: String = "splice") async throws(MediaError) -> EditReview {
        try await spliced(outcome, edit: edit)
    }

    /// An extend's review: the original's frames and the added ones, on the output's timeline.
    public static func extend(_ outcome: ExtendOutcome) async throws(MediaError) -> EditReview? {
        guard let splice = outcome.splice else { return nil }
        var review = try await spliced(splice, edit: "extend")
        let g = outcome.generation
        review.calls = [Call(sent: g.sentWindow.map { TimeWindow(start: $0.inputStart, duration: $0.duration) }, billedSeconds: g.estimate?.seconds,
                             jobID: g.jobID, cost: g.estimate?.dollars, fingerprint: g.fingerprint)]
        return review
    }

    /// A reframe's review: every frame is the answer's; the page shows the
    /// input and the output side by side at a few moments.
    public static func reframe(_ outcome: ReframeOutcome) async throws(MediaError) -> EditReview? {
        guard outcome.written != nil else { return nil }
        let g = outcome.generation
        return try await reported("reframe", original: outcome.input, output: outcome.output, runs: wholeAnswer,
                                  calls: [Call(billedSeconds: g.estimate?.seconds, jobID: g.jobID, cost: g.estimate?.dollars, fingerprint: g.fingerprint)])
    }

    /// An HDR conversion's review: one answer run per piece, the seams where pieces meet.
    public static func hdr(_ outcome: HDROutcome, input: String, output: String) async throws(MediaError) -> EditReview? {
        guard outcome.written != nil else { return nil }
        let pieces = outcome.plan.pieces
        let rate = outcome.plan.frameRate > 0 ? outcome.plan.frameRate : 30
        // Overlapping pieces are crossfaded: each run ends where the next begins.
        let runs = pieces.enumerated().map { i, p in
            let last = i + 1 < pieces.count ? pieces[i + 1].firstFrame - 1 : p.firstFrame + p.frameCount - 1
            return SpliceResult.FrameRange(source: .answer, firstFrame: p.firstFrame, lastFrame: last,
                                           start: Double(p.firstFrame) / rate, end: Double(last + 1) / rate)
        }
        let calls = zip(pieces, outcome.generations).map { piece, g in
            Call(sent: piece.window, billedSeconds: g.estimate?.seconds, section: piece.window, jobID: g.jobID, cost: g.estimate?.dollars,
                 fingerprint: g.fingerprint)
        }
        return try await reported("hdr", original: input, output: output, runs: { _ in runs }, calls: calls)
    }

    private static func spliced(_ outcome: SpliceOutcome, edit: String) async throws(MediaError) -> EditReview {
        try await reported(edit, original: outcome.original, output: outcome.output, runs: { _ in outcome.result.ranges },
                           sections: outcome.pieces.map(\.section))
    }

    /// One answer run over every frame of `output`.
    static func wholeAnswer(_ output: Facts) -> [SpliceResult.FrameRange] {
        guard output.frames > 0 else { return [] }
        return [SpliceResult.FrameRange(source: .answer, firstFrame: 0, lastFrame: output.frames - 1, start: 0, end: output.duration ?? 0)]
    }
}

// MARK: - From the journal

extension EditReview {
    /// The journal's entries whose result was put into a file byte for byte `output` (its SHA-256), oldest first.
    public static func entries(placedInto output: String, journal: Journal) async throws(ReviewError) -> [JournalEntry] {
        let sha: String
        do throws(MediaError) {
            sha = try await BlockingExecutor.run { () throws(MediaError) -> String in try SHA256.file(output) }
        } catch { throw .unreadable(error) }
        var found: [JournalEntry] = []
        do throws(JournalError) {
            for entry in try await journal.all() {
                if entry.placedSHA256 == sha {
                    found.append(entry)
                } else if try await journal.placements(entry.fingerprint).contains(where: { $0.sha256 == sha }) {
                    found.append(entry)
                }
            }
        } catch { throw .journal(error) }
        return found.sorted { $0.createdAt < $1.createdAt }
    }

    /// The calls as the journal has them: the window sent, the job, the
    /// cost, the section (the request's `start_time` counts in the window).
    public mutating func add(journal entries: [JournalEntry]) {
        guard !entries.isEmpty else { return }
        let known = calls
        calls = entries.enumerated().map { i, entry in
            let sent = entry.sentWindow.map { TimeWindow(start: $0.inputStart, duration: $0.duration) }
            var call = i < known.count ? known[i] : Call()
            call.sent = call.sent ?? sent
            call.billedSeconds = call.billedSeconds ?? sent?.duration
            call.jobID = call.jobID ?? entry.jobID
            call.cost = call.cost ?? entry.estimatedCost
            call.fingerprint = entry.fingerprint
            call.state = entry.state.rawValue
            call.endpoint = entry.endpoint
            if call.section == nil, let asked = Self.section(entry.request), let sent {
                call.section = TimeWindow(start: sent.start + asked.start, duration: asked.duration)
            }
            return call
        }
        if sections.isEmpty { sections = calls.compactMap(\.section) }
    }

    /// The section a journaled request asked for, in the file it sent.
    private static func section(_ request: String) -> TimeWindow? {
        struct Asked: Decodable {
            var start_time: Double?
            var duration: Double?
        }
        guard let asked = try? JSONDecoder().decode(Asked.self, from: Data(request.utf8)), let start = asked.start_time, let duration = asked.duration else { return nil }
        return TimeWindow(start: start, duration: duration)
    }
}
