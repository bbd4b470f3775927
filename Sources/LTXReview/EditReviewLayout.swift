import LTXContract
import LTXJournal
import LTXMedia

/// How a review becomes its page: which frames are shown (each seam's last
/// before and first after; a few inside each answer run, InsideFrames),
/// which are measured (the re-encoded runs only), and the sound around each
/// seam. Nothing else is decoded.
extension EditReview {
    /// The page of this review; reads the pictures and the sound it shows.
    public func page() async throws(ReviewError) -> EditReviewPage {
        do throws(MediaError) {
            let (a, b) = try await filePackets()
            let shown = pictureFrames(originalKeyframes: a.keyframes, outputKeyframes: b.keyframes)
            let measured = reshaped ? [] : runs.filter { $0.source == .reencoded }.map { $0.firstFrame...$0.lastFrame }
            let request = EditSamples.Request(pictures: shown.flatMap(\.frames), measured: measured, maxSide: EditReviewPage.pictureSide)
            let seamTimes = runs.dropFirst().map(\.start)
            let (original, output) = (original.path, output.path)
            let (pictures, sound) = try await Concurrently.both({ () async throws(MediaError) in
                try await EditSamples.pictures(original: original, a, output: output, b, request)
            }, { () async throws(MediaError) in
                try await Concurrently.both({ () async throws(MediaError) in try await EditSamples.sound(original, around: seamTimes, span: EditReviewPage.soundSpan, columns: EditReviewPage.soundColumns) },
                                            { () async throws(MediaError) in try await EditSamples.sound(output, around: seamTimes, span: EditReviewPage.soundSpan, columns: EditReviewPage.soundColumns) })
            })
            return layout(shown, pictures, measured: measured, sound: sound)
        } catch {
            throw .unreadable(error)
        }
    }

    /// Writes the page to `path` (beside it first, then renamed into place).
    public func write(to path: String) async throws(ReviewError) {
        try await page().write(to: path)
    }

    /// The review of `output` against `original` written to `path`: the
    /// runs from the two files, the calls from `journal` when it has
    /// entries whose result went into `output`.
    public static func write(original: String, output: String, journal: Journal?, to path: String) async throws(ReviewError) {
        var review: EditReview
        do throws(MediaError) { review = try await fromFiles(original: original, output: output) } catch { throw .unreadable(error) }
        if let journal { review.add(journal: try await entries(placedInto: output, journal: journal)) }
        try await review.write(to: path)
    }

    private func filePackets() async throws(MediaError) -> (EditSamples.Packets, EditSamples.Packets) {
        if let packets { return packets }
        let (original, output) = (original.path, output.path)
        return try await Concurrently.both({ () async throws(MediaError) in try await EditSamples.packets(original, digests: false) },
                                           { () async throws(MediaError) in try await EditSamples.packets(output, digests: false) })
    }

    /// The frames each part of the page shows, in page order.
    private func pictureFrames(originalKeyframes: [Bool], outputKeyframes: [Bool]) -> [(title: String, frames: [Int], seam: Int?)] {
        var parts: [(String, [Int], Int?)] = []
        for (i, run) in runs.enumerated().dropFirst() {
            let before = runs[i - 1]
            parts.append(("Seam at frame \(run.firstFrame) (\(Format.seconds(run.start))): \(before.source.rawValue) → \(run.source.rawValue)",
                          [run.firstFrame - 1, run.firstFrame], i - 1))
        }
        for run in runs where run.source == .answer {
            let frames = InsideFrames.chosen(first: run.firstFrame, last: run.lastFrame, originalKeyframes: originalKeyframes, outputKeyframes: outputKeyframes)
            guard !frames.isEmpty else { continue }
            parts.append(("Answer frames \(run.firstFrame)-\(run.lastFrame) (\(Format.seconds(run.start)) to \(Format.seconds(run.end)))", frames, nil))
        }
        return parts
    }

    private func layout(_ shown: [(title: String, frames: [Int], seam: Int?)], _ pictures: EditSamples.Pictures, measured: [ClosedRange<Int>],
                        sound: ([EditSamples.SoundStrip]?, [EditSamples.SoundStrip]?)) -> EditReviewPage {
        let total = max(1, output.frames, (runs.last?.lastFrame ?? 0) + 1)
        let duration = runs.last?.end ?? output.duration ?? 0
        let percent = { (x: Double) in Format.number(max(0, min(100, x * 100)), decimals: 3) }
        let bars = runs.map { r in
            EditReviewPage.Bar(kind: r.source.rawValue, left: percent(Double(r.firstFrame) / Double(total)),
                               width: percent(Double(r.lastFrame - r.firstFrame + 1) / Double(total)),
                               label: "\(r.source.rawValue): frames \(r.firstFrame)-\(r.lastFrame)")
        }
        let span = { (w: TimeWindow, kind: String, label: String) in
            EditReviewPage.Bar(kind: kind, left: percent(duration > 0 ? w.start / duration : 0), width: percent(duration > 0 ? w.duration / duration : 0), label: label)
        }
        let marks = calls.enumerated().compactMap { i, c in c.sent.map { span($0, "window", "call \(i + 1) sent \(Self.times($0))") } }
            + sections.map { span($0, "section", "section \(Self.times($0))") }
        let psnrs = Dictionary(zip(measured.map(\.lowerBound), pictures.runPSNR), uniquingKeysWith: { first, _ in first })
        let runRows = runs.map { r in
            let psnr: String = switch r.source {
            case .copied: "identical (the original's packets)"
            case .reencoded: psnrs[r.firstFrame].map { $0.map(Self.decibels) ?? "not measured (the sizes differ)" } ?? "not measured"
            case .answer: "—"
            }
            return EditReviewPage.Run(kind: r.source.rawValue, firstFrame: r.firstFrame, lastFrame: r.lastFrame,
                                      times: "\(Format.seconds(r.start)) to \(Format.seconds(r.end))", psnr: psnr)
        }
        let callRows = calls.enumerated().map { i, c in
            EditReviewPage.CallRow(number: i + 1, sent: c.sent.map(Self.times) ?? "unknown",
                                   billed: c.billedSeconds.map(Format.seconds) ?? "unknown", section: c.section.map(Self.times) ?? "—",
                                   jobID: c.jobID ?? "none (synchronous)", cost: c.cost.map { "$\(Pricing.format($0))" } ?? "unknown",
                                   journal: c.fingerprint.map { "\($0.prefix(12))" + (c.state.map { " \($0)" } ?? "") + (c.endpoint.map { " \($0)" } ?? "") } ?? "not journaled")
        }
        var parts: [EditReviewPage.Seam] = []
        var inside: [EditReviewPage.Section] = []
        for part in shown {
            let pairs = part.frames.map { pair($0, pictures) }
            guard let seam = part.seam else {
                inside.append(EditReviewPage.Section(title: part.title, pairs: pairs))
                continue
            }
            var sounds: [EditReviewPage.Sound] = []
            for (label, strips) in [("original's sound", sound.0), ("output's sound", sound.1)] {
                if let strip = strips?[seam] { sounds.append(Self.sound(strip, label: label, seam: runs[seam + 1].start)) }
            }
            parts.append(EditReviewPage.Seam(title: part.title, pairs: [pairs[0].labelled("last frame before"), pairs[1].labelled("first frame after")],
                                             sounds: sounds, soundNote: sounds.isEmpty ? "no sound in either file" : nil))
        }
        let counts = [SpliceResult.Source.copied, .reencoded, .answer].map { s in runs.filter { $0.source == s }.reduce(0) { $0 + $1.lastFrame - $1.firstFrame + 1 } }
        var summary = "\(edit == "edit" ? "The edit" : "ltx-prep \(edit)") of \(original.path) into \(output.path): \(output.frames) frames; "
            + "\(counts[0]) copied bit for bit, \(counts[1]) re-encoded, \(counts[2]) from the answer"
        if !seams.isEmpty { summary += "; seams at " + runs.dropFirst().map { Format.seconds($0.start) }.joined(separator: ", ") }
        return EditReviewPage(
            title: "ltx-prep review: \(output.path)", summary: summary,
            inferredNote: runsInferred ? "The runs were inferred from the two files: a frame whose packet equals the original's is copied; "
                + "any other is re-encoded when its PSNR against the original is at least \(Format.number(InferredRuns.reencodedPSNR, decimals: 0)) dB, "
                + "else the answer's." + (calls.isEmpty ? " No journal entry put a result into this output." : "") : nil,
            bars: bars, marks: marks, runs: runRows, calls: callRows, totalCost: cost.map { "$\(Pricing.format($0))" },
            facts: facts(), seams: parts, sections: inside)
    }

    private func pair(_ frame: Int, _ pictures: EditSamples.Pictures) -> EditReviewPage.Pair {
        let picture = { (t: Thumbnail?, file: String) in t.map { PagePicture($0, alt: "\(file), frame \(frame) at \(Format.seconds($0.seconds))") } }
        return EditReviewPage.Pair(label: "frame \(frame)", original: picture(pictures.original[frame], original.path),
                                   originalNote: frame < original.frames ? "no picture" : "not in the original",
                                   output: picture(pictures.output[frame], output.path), outputNote: "no picture")
    }

    private func facts() -> [EditReviewPage.Fact] {
        let rows: [(String, (Facts) -> String)] = [
            ("File", \.path), ("Codec", \.codec), ("Sample entry", { $0.sampleEntry ?? "—" }),
            ("Coded size", { "\($0.width)x\($0.height)" }), ("Rotation", { "\($0.rotation)°" }), ("Pixel format", { $0.pixelFormat ?? "—" }),
            ("Colour primaries", { $0.colorPrimaries ?? "unset" }), ("Transfer", { $0.colorTransfer ?? "unset" }),
            ("Matrix", { $0.colorSpace ?? "unset" }), ("Frames", { "\($0.frames)" }), ("Duration", { $0.duration.map(Format.seconds) ?? "unknown" }),
            ("Frame rate", { $0.frameRate.map { Format.number($0, decimals: 3) } ?? "unknown" }), ("Audio", { $0.audio ?? "none" }),
        ]
        return rows.map { name, value in
            let a = value(original), b = value(output)
            return EditReviewPage.Fact(name: name, original: a, output: b, differs: a != b && name != "File" ? "differs" : "")
        }
    }

    static func times(_ w: TimeWindow) -> String { "\(Format.seconds(w.start)) to \(Format.seconds(w.end))" }

    static func decibels(_ psnr: Double) -> String { psnr.isInfinite ? "identical" : "\(Format.number(psnr, decimals: 1)) dB" }

    /// A strip as an SVG path: one vertical stroke per column from its lowest to its highest sample.
    static func sound(_ strip: EditSamples.SoundStrip, label: String, seam: Double) -> EditReviewPage.Sound {
        let h = EditReviewPage.soundHeight, mid = h / 2
        let y = { (v: Float) in Format.number(mid - Double(max(-1, min(1, v))) * (mid - 1), decimals: 1) }
        var path: [String] = []
        for i in strip.low.indices where !strip.empty[i] {
            path.append("M\(i) \(y(strip.high[i]))V\(y(strip.low[i]))")
        }
        let width = Double(strip.low.count)
        let x = strip.end > strip.start ? (seam - strip.start) / (strip.end - strip.start) * width : width / 2
        let gapColumns = strip.empty.filter { $0 }.count
        return EditReviewPage.Sound(label: "\(label), \(Format.seconds(strip.start)) to \(Format.seconds(strip.end))", path: path.joined(separator: " "),
                                    seamX: Format.number(x, decimals: 1),
                                    gaps: gapColumns > 0 ? "no sound in \(Format.number(Double(gapColumns) / width * (strip.end - strip.start) * 1000, decimals: 0)) ms of it" : nil)
    }
}

extension EditReviewPage.Pair {
    func labelled(_ label: String) -> Self {
        var pair = self
        pair.label = "\(label): \(self.label)"
        return pair
    }
}
