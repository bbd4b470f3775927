import LTXContract
import LTXMedia

/// The human and JSON forms `ltx-prep reframe` prints, for any Swift program.
extension ReframeOutcome: Encodable {
    private enum CodingKeys: String, CodingKey {
        case file, output, resolution, estimatedCost, jobId, fix, written, framesKept, alreadyDone, resumed, request
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .file)
        try c.encode(output, forKey: .output)
        try c.encode(resolution, forKey: .resolution)
        try c.encodeIfPresent(generation.estimate.map { Pricing.rounded($0.dollars) }, forKey: .estimatedCost)
        try c.encodeIfPresent(generation.jobID, forKey: .jobId)
        try c.encodeIfPresent((generation.fixes.first ?? nil)?.plan, forKey: .fix)
        try c.encodeIfPresent(written, forKey: .written)
        try c.encodeIfPresent(written?.framesKept, forKey: .framesKept)
        try c.encodeIfPresent(generation.resumed, forKey: .resumed)
        if alreadyDone { try c.encode(true, forKey: .alreadyDone) }
        if written == nil, !alreadyDone, let request = generation.request, let body = try? request.json() {
            // A dry run: the body that would be sent.
            try c.encode(String(decoding: body, as: UTF8.self), forKey: .request)
        }
    }

    /// What was written, its size, frames and audio, and what it cost; on a
    /// dry run, the request that would be sent.
    public var text: String {
        if alreadyDone {
            return "already done: \(output) is this reframe's result, made by an earlier run and unchanged; nothing was paid or written"
        }
        guard let w = written else {
            return generation.text(output: output) ?? "dry run: nothing would be sent"
        }
        var lines = ["wrote \(output): \(w.width)x\(w.height), \(w.frames) frames, \(w.bytes) bytes" + (generation.jobID.map { ", job \($0)" } ?? "")]
        lines.append(w.framesKept ? "  every frame kept: \(w.frames), as the input"
                                  : "  the answer has \(w.frames) frames; the input has \(w.inputFrames)")
        switch w.audio {
        case "copied"?: lines.append("  the input's own audio, \(w.audioPackets) packets copied unchanged")
        case "answer"?: lines.append("  the API's audio: the input's cannot be copied into MP4")
        default: lines.append("  no audio: the input has none")
        }
        if generation.resumed != nil {
            lines.append("  nothing paid this run: the journal had the result" + (generation.estimate.map { " (paid before: \($0))" } ?? ""))
        } else if let estimate = generation.estimate {
            lines.append("  estimated cost: \(estimate)")
        } else {
            lines.append("  price unknown: no documented price for \(resolution)")
        }
        return lines.joined(separator: "\n")
    }
}
