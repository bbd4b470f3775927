import LTXContract
import LTXMedia
import LTXPreflight

/// The human and JSON forms `ltx-prep extend` prints, for any Swift program.
extension ExtendOutcome: Encodable {
    private enum CodingKeys: String, CodingKey { case plan, estimatedCost, jobId, splice, alreadyDone, output }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plan, forKey: .plan)
        try c.encodeIfPresent(plan.estimate.map { Pricing.rounded($0.dollars) }, forKey: .estimatedCost)
        try c.encodeIfPresent(generation.jobID, forKey: .jobId)
        try c.encodeIfPresent(splice, forKey: .splice)
        if alreadyDone { try c.encode(true, forKey: .alreadyDone) }
    }

    /// What is sent, as a sentence: "send 42.000 s to 45.000 s (stream copy from the keyframe), add 4.000 s at the end".
    public var sending: String {
        let call = plan.call
        return "send \(Format.seconds(call.window.start)) to \(Format.seconds(call.window.end))"
            + (call.exact ? " (cut exactly" : " (from a keyframe, stream copy") + (call.canvas.map { ", padded to \($0.width)x\($0.height)" } ?? "")
            + (call.heldFrames.map { ", its last picture held \($0) more times to make \(call.contextFrames)" } ?? "") + ")"
            + ", add \(Format.seconds(call.added)) (\(call.addedFrames) frames) at the \(call.edge.rawValue)"
    }

    /// The joined video and what it cost; on a dry run, the plan and the request body.
    public func text(output: String) -> String {
        if alreadyDone {
            return "already done: the output is this extend's result, put back by an earlier run and unchanged; nothing was paid or written"
        }
        let billed = "billed: \(Format.seconds(plan.call.billedSeconds)) (\(plan.call.contextFrames) frames of context + \(plan.call.addedFrames) added)"
        guard let splice else {
            if generation.generated == nil && generation.resumed == nil {
                return (["dry run: \(sending); \(billed)" + (plan.estimate.map { ", \($0)" } ?? ", price unknown")]
                        + [generation.text(output: "")].compactMap { $0 }).joined(separator: "\n")
            }
            return generation.text(output: output) ?? output
        }
        var text = splice.text(what: "with \(plan.call.addedFrames) frames added at its \(plan.call.edge.rawValue)")
        text += "\n  \(sending); \(billed)"
        if generation.resumed != nil {
            text += "\n  nothing paid this run: the journal had the call's result" + (plan.estimate.map { " (paid before: \($0))" } ?? "")
        } else {
            text += "\n  estimated cost: " + (plan.estimate.map(\.description) ?? "price unknown")
        }
        return text
    }
}
