import LTXPreflight
import LTXWorkflow

/// What a whole-video retake did: the calls, what they cost, the splice.
enum RetakePrinter {
    struct JSON: Encodable {
        var calls: [RetakeCall]
        var estimatedCost: Double?
        var jobIds: [String]
        var splice: SpliceOutcome?
        var sent: [SentWindow?]
    }

    static func report(_ outcome: RetakeOutcome, json: Bool) {
        if json {
            return Console.out(JSONOutput.line(JSON(calls: outcome.calls, estimatedCost: outcome.estimate.map { ($0.dollars * 10_000).rounded() / 10_000 },
                                                    jobIds: outcome.generations.compactMap(\.jobID), splice: outcome.splice,
                                                    sent: outcome.sent)))
        }
        guard let splice = outcome.splice else {
            var lines = ["dry run: \(outcome.calls.count) call\(outcome.calls.count == 1 ? "" : "s")"
                         + (outcome.estimate.map { ", \($0)" } ?? "")]
            for (i, call) in outcome.calls.enumerated() {
                lines.append("  call \(i + 1): send \(Format.seconds(call.window.start)) to \(Format.seconds(call.window.end))"
                             + (call.exact ? " (cut exactly)" : " (from a keyframe, stream copy)")
                             + ", retake \(Format.seconds(call.section.start)) to \(Format.seconds(call.section.end))")
            }
            Console.out(lines.joined(separator: "\n"))
            for generation in outcome.generations { APICall.report(generation, output: "", json: false) }
            return
        }
        var text = SplicePrinter.outcome(splice)
        for (i, window) in outcome.sent.enumerated() {
            guard let w = window, let rate = w.fittedBitRate else { continue }
            // Said only when the window had to be re-encoded to fit its delivery.
            text += "\n  call \(i + 1) sent \(Format.seconds(w.inputStart)) to \(Format.seconds(w.inputStart + w.duration)) re-encoded at \(rate / 1000) kb/s to fit "
                + "\(w.delivery.rawValue): \(Units.mb(w.countedBytes)) of \(Units.mb(w.limitBytes))" + (w.countedBytes != w.bytes ? " as base64 (file \(Units.mb(w.bytes)))" : "")
        }
        // A rerun that the journal answered paid nothing: say so rather than a price.
        let resumed = outcome.generations.filter { $0.resumed != nil }.count
        if resumed == outcome.generations.count {
            text += "\n  nothing paid this run: the journal had \(resumed == 1 ? "the call's" : "every call's") result" + (outcome.estimate.map { " (paid before: \($0))" } ?? "")
        } else if let estimate = outcome.estimate {
            text += "\n  estimated cost: \(estimate)" + (resumed > 0 ? "; \(resumed) of \(outcome.generations.count) calls came from the journal, unpaid" : "")
        }
        Console.out(text)
    }
}
