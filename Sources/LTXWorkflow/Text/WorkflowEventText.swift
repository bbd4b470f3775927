import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// The human form of a workflow's events, as the API commands show them.
extension WorkflowEvent {
    /// How an event is shown: a status line redrawn in place, or a note kept on
    /// the terminal (a plan, a job id, a price). `summary` names the work
    /// ("this retake") in the price's line.
    public enum Line: Sendable, Equatable {
        case status(String)
        case note(String)
        /// Only when the output is text, not JSON (a plan or an id is in the JSON).
        case textNote(String)
    }

    /// The last event of an upload or a download: every byte is across.
    public var endsTransfer: Bool {
        switch self {
        case .uploading(let sent, let total): sent >= total
        case .downloading(let got, let total): total.map { got >= $0 } ?? false
        default: false
        }
    }

    public func line(summary: String, provider: Provider) -> Line {
        switch self {
        case .fixPlanned(let input, let plan): .textNote(plan.text(for: input))
        case .fixing(_, let p): .status("fixing: frame \(p.framesDone)" + (p.framesExpected.map { " of \($0)" } ?? ""))
        case .estimated(let estimate):
            .note(estimate.map { "estimated cost of \(summary): \($0)" } ?? "price unknown: no documented price for \(summary) with \(provider.rawValue)")
        case .checkingURL(let url): .status("asking \(url) for its size")
        case .uploading(let sent, let total): .status("uploading \(Format.mb(sent)) of \(Format.mb(total))")
        case .waiting: .status("waiting for the result")
        case .submitted(let id): .textNote("submitted: job \(id)")
        case .resuming(let id): .textNote("resuming job \(id) from the journal: nothing is sent again")
        case .waitingForOtherRun(let pid):
            .note("another ltx-prep (pid \(pid)) is sending this request: waiting for its answer, to follow its job without paying again")
        case .polling(let id, let state, let elapsed): .status("job \(id): \(state), \(elapsed.components.seconds) s")
        case .downloading(let got, let total): .status("downloading \(Format.mb(got))" + (total.map { " of \(Format.mb($0))" } ?? ""))
        case .warning(let text): .note("warning: \(text)")
        case .retrying(let notice): .note(notice.description)
        case .retakeCall(let i, let n, let call):
            .textNote("call \(i) of \(n): window \(Format.seconds(call.window.start)) to \(Format.seconds(call.window.end)) for "
                      + call.sections.map { "\(Format.seconds($0.start)) to \(Format.seconds($0.end))" }.joined(separator: ", "))
        case .hdrPiece(let i, let n, let piece):
            .textNote("piece \(i) of \(n): frames \(piece.firstFrame + 1) to \(piece.firstFrame + piece.frameCount), "
                      + "\(Format.seconds(piece.window.start)) to \(Format.seconds(piece.window.end))" + (piece.exact ? ", cut exactly" : ", copied"))
        case .assembling(let done, let all): .status("assembling HDR: frame \(done) of \(all)")
        case .splicing(let p): .status("splicing: frame \(p.framesDone)" + (p.framesExpected.map { " of \($0)" } ?? ""))
        }
    }
}
