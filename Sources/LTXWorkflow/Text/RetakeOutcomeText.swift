import LTXContract
import LTXMedia
import LTXPreflight

/// The human and JSON forms `ltx-prep retake` prints, for any Swift program.
extension RetakeOutcome: Encodable {
    private enum CodingKeys: String, CodingKey { case calls, estimatedCost, jobIds, splice, sent, alreadyDone }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(calls, forKey: .calls)
        try c.encodeIfPresent(estimate.map { Pricing.rounded($0.dollars) }, forKey: .estimatedCost)
        try c.encode(generations.compactMap(\.jobID), forKey: .jobIds)
        try c.encodeIfPresent(splice, forKey: .splice)
        try c.encode(sent, forKey: .sent)
        if alreadyDone { try c.encode(true, forKey: .alreadyDone) }
    }

    /// The splice and what it cost; on a dry run, the calls and their request bodies.
    public var text: String {
        if alreadyDone {
            return "already done: the output is this retake's result, put back by an earlier run and unchanged "
                + "(the journal has \(generations.count == 1 ? "its call" : "its \(generations.count) calls")); nothing was paid or written"
        }
        guard let splice else {
            var lines = ["dry run: \(calls.count) call\(calls.count == 1 ? "" : "s")" + (estimate.map { ", \($0)" } ?? "")]
            for (i, call) in calls.enumerated() {
                lines.append("  call \(i + 1): send \(Format.seconds(call.window.start)) to \(Format.seconds(call.window.end))"
                             + (call.exact ? " (cut exactly)" : " (from a keyframe, stream copy)")
                             + ", retake \(Format.seconds(call.section.start)) to \(Format.seconds(call.section.end))")
            }
            return (lines + generations.compactMap { $0.text(output: "") }).joined(separator: "\n")
        }
        var text = splice.text
        for (i, window) in sent.enumerated() {
            guard let w = window, let rate = w.fittedBitRate else { continue }
            // Said only when the window had to be re-encoded to fit its delivery.
            text += "\n  call \(i + 1) sent \(w.span.text) re-encoded at \(rate / 1000) kb/s to fit "
                + "\(w.delivery.rawValue): \(Format.mb(w.countedBytes)) of \(Format.mb(w.limitBytes))" + (w.countedBytes != w.bytes ? " as base64 (file \(Format.mb(w.bytes)))" : "")
        }
        // A rerun that the journal answered paid nothing: say so rather than a price.
        let resumed = generations.filter { $0.resumed != nil }.count
        if resumed == generations.count {
            text += "\n  nothing paid this run: the journal had \(resumed == 1 ? "the call's" : "every call's") result" + (estimate.map { " (paid before: \($0))" } ?? "")
        } else if let estimate {
            text += "\n  estimated cost: \(estimate)" + (resumed > 0 ? "; \(resumed) of \(generations.count) calls came from the journal, unpaid" : "")
        }
        return text
    }
}
