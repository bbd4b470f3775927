import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// The human form of one call's result, as the API commands print it.
extension GenerationOutcome {
    /// `wrote OUT: N bytes, job J, x-request-id R` (how a rerun was answered
    /// first), `note` on a line under it; on a dry run, the request that would
    /// be sent. Nil when there is neither.
    public func text(output: String, note: String? = nil) -> String? {
        guard let result = generated else {
            guard let request else { return nil }
            let body = (try? request.json()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return "dry run: would POST \(route ?? request.path) \(body.replacing(InlineFile.marker, with: "<the file, as a data URI>"))"
        }
        let how: String = switch resumed {
        case .alreadyDownloaded?: "already done: the journal has this request's result, unchanged; nothing was paid. "
        case .polled?: "resumed job \(jobID ?? "?"): "
        case .downloadedAgain?: "fetched the finished job's result again: "
        case nil: ""
        }
        return how + "wrote \(output): \(result.bytes) bytes" + (jobID.map { ", job \($0)" } ?? "")
            + (result.requestID.map { ", x-request-id \($0)" } ?? "") + (note.map { "\n  \($0)" } ?? "")
    }
}

extension GenerationOutcome.Resumption {
    /// How a rerun was answered, in words (a batch's result line).
    public var words: String {
        switch self {
        case .alreadyDownloaded: "already done, nothing paid"
        case .polled: "its running job was followed, not sent again"
        case .downloadedAgain: "its finished job's result was fetched again, not paid again"
        }
    }
}

extension GenerationOutcome {
    /// Where the file sent sits in the input, and where a section starting at
    /// `sectionStart` on the input starts in it: the fix's mapping when it cut
    /// a window this run, else the part of the input sent (all of it, or what
    /// the journal recorded of a resumed call). Nil when neither is known.
    public func window(sectionStart: Double, frameRate: Double) -> FixOutcome.WindowMapping? {
        if let window = (fixes.first ?? nil)?.window { return window }
        return sentWindow.map { FixOutcome.WindowMapping($0, sectionOnInput: sectionStart, frameRate: frameRate) }
    }

    /// A retake sent as a window (`--window-only`): where the written window
    /// sits in `input` and where its section starts.
    public static func windowNote(input: String, window: FixOutcome.WindowMapping) -> String {
        "the result is the window \(window.span.text) of \(input)"
            + (window.sectionStart.map { "; the section starts at \(Format.seconds($0)) in it" } ?? "")
    }
}

/// `--json` for one call: what was written, the fix, the window, the job.
public struct GenerationReport: Encodable, Sendable {
    public var generated: Generated
    public var fix: FixPlan?
    public var window: FixOutcome.WindowMapping?
    public var jobId: String?
    public var resumed: GenerationOutcome.Resumption?
}

extension GenerationOutcome {
    /// Nil on a dry run (nothing generated).
    public var report: GenerationReport? { report(window: (fixes.first ?? nil)?.window) }

    /// The report with `window` as where the result sits in the input.
    public func report(window: FixOutcome.WindowMapping?) -> GenerationReport? {
        generated.map { GenerationReport(generated: $0, fix: (fixes.first ?? nil)?.plan, window: window, jobId: jobID, resumed: resumed) }
    }
}
