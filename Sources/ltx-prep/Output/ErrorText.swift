import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight
import LTXReview
import LTXWorkflow

// The library's errors say what went wrong in its own terms; only the CLI
// knows its flags. These are the lines it prints: the library's, with the
// flag that gets past the failure where there is one.

extension WorkflowError {
    /// This failure as `ltx-prep` says it: naming the flag that gets past it.
    var commandLineText: String {
        switch self {
        case .outputExists: description + " (use --force to replace it)"
        case .unfixable(let e): e.commandLineText
        case .noRetakeWindow(let path, let e): "\(path): \(e.commandLineText)"
        case .client(let e): e.commandLineText
        case .urlServesUnfixed(let path, let rules):
            "\(path): breaks \(rules.joined(separator: ", ")); with --deliver url the API fetches the file as it is: "
                + "run ltx-prep fix, host its output, or deliver by upload"
        case .urlMissing: "--deliver url needs --url https://..."
        case .urlTakesOneSection(let path): "\(path): with --deliver url the whole file is sent for one section; give one section"
        case .providerTakesNoModel(let p): "\(p.name)'s retake takes no --model"
        case .providerTakesNoResolution(let p): "\(p.name)'s retake takes no --resolution"
        case .cannotSplice(let path, let reason): "\(path): cannot splice into it: \(reason.commandLineText)"
        case .cannotExtend(let path, let reason): "\(path): cannot join an extension onto it: \(reason.commandLineText)"
        case .reframeRefused(let why): why.commandLineText
        case .answersKept(let error, let kept):
            "\(error.commandLineText); \(kept.description)"
                + (kept.pieces.isEmpty ? "" : "; splice again with: " + kept.pieces.map { Self.spliceCommand(kept.input, $0) }.joined(separator: "; "))
        case .costLimitUnpriced(let provider, let summary):
            "--max-cost cannot be honoured: \(provider.rawValue) documents no price for \(summary); nothing was sent"
        case .overCostLimit(let estimate, let limit):
            "the estimate ($\(Pricing.format(estimate))) is above --max-cost ($\(Pricing.format(limit))); nothing was sent"
        case .batchItemUnpriced(let output): "\(output): no documented price, so --max-cost cannot be honoured; not sent"
        case .overBatchBudget(let output, let estimate, let remaining):
            "\(output): $\(Pricing.format(estimate)) is over what is left of --max-cost ($\(Pricing.format(remaining))); not sent"
        case .sentBefore(let what):
            switch what {
            case .noAnswer: description + ". --again sends it again"
            case .windowUnknown: description + ", or --again pays for it again"
            default: description + (what.paidFor ? "; --again pays for it again" : "; --again sends it again")
            }
        case .shardIndexMissing(let count): "--shards needs JOB_COMPLETION_INDEX from 0 to \(count - 1) (a Kubernetes Indexed Job sets it)"
        case .folderBatchIncomplete: "with a folder, give --output-dir, --start and --duration (and --prompt)"
        default: description
        }
    }

    /// The `ltx-prep splice` that puts one kept answer back.
    private static func spliceCommand(_ input: String, _ piece: SpliceJob.Piece) -> String {
        "ltx-prep splice \(input) \(piece.answer) --window-start \(Format.number(piece.answerStart, decimals: 3)) "
            + "--section \(Format.number(piece.section.start, decimals: 3)):\(Format.number(piece.section.duration, decimals: 3))"
    }
}

extension ReviewError {
    /// This failure as `ltx-prep` says it.
    var commandLineText: String {
        switch self {
        case .cannotWrite(let path, let reason): "\(path): cannot write the page: \(reason.lowercased())"
        case .unreadable(let error): error.description
        case .journal(let error): error.description
        }
    }
}

extension FixError {
    /// This failure as `ltx-prep` says it.
    var commandLineText: String {
        switch self {
        case .outputExists: description + " (use --force to replace it)"
        case .plan(let file, let e): "\(file): \(e.commandLineText)"
        default: description
        }
    }
}

extension FixPlanError {
    /// Why no fix can be planned, naming the flags that give a section.
    var commandLineText: String {
        switch self {
        case .clipNeedsSection(let seconds, let frames, let maxWindow):
            "the clip is \(Format.seconds(seconds)) (\(frames) frames): give the retake section (--start, --duration) "
                + "so a window of at most \(Format.seconds(maxWindow)) can be cut around it"
        case .sectionTooLong(_, _, let fps): description + (fps == nil ? "" : ": split it with --section")
        default: description
        }
    }
}

extension ReframeRefusal {
    /// Why the aspect or size cannot be asked, named as `reframe`'s flags name them.
    var commandLineText: String {
        switch self {
        case .aspectNotOffered(let aspect): "--to \(aspect): reframe offers \(ReframeJob.aspects.joined(separator: ", "))"
        case .noAspectOrSize: "give the aspect (--to) or the size (--resolution)"
        case .sizeNotOfAspect(let size, let aspect):
            "--resolution \(size) is not a \(aspect) size: reframe makes \(aspect) at \(ReframeJob.sizes(aspect: aspect).joined(separator: " or "))"
        case .sizeNotOffered: description
        }
    }
}

extension CheckRequest.Refusal {
    /// Why the parameters cannot be checked together, named as `check` and `fix` name them.
    var commandLineText: String {
        switch self {
        case .sizeLimitNotPositive: "--max-bytes must be a positive number of bytes"
        case .takesNoFile(let e) where e == .extend:
            "--for takes retake, audio-to-video, image-to-video or video-to-video-reframe: extend sends a context cut from the file (ltx-prep extend --dry-run shows it)"
        case .takesNoFile(let e): "--for takes retake, audio-to-video, image-to-video or video-to-video-reframe: \(e.rawValue) takes no file"
        case .sectionNotTaken(let e): "--start and --duration are retake parameters; they do not apply to --for \(e.rawValue)"
        case .promptNotTaken(let e): "--prompt is a retake parameter; it does not apply to --for \(e.rawValue)"
        }
    }
}

extension ClientError {
    /// This failure as `ltx-prep` says it.
    var commandLineText: String {
        switch self {
        case .missingKey: description + " or pass --api-key"
        default: description
        }
    }
}

extension SpliceRefusal {
    /// Why a splice cannot be made, and that `retake --window-only` takes the answer alone.
    var commandLineText: String {
        switch self {
        case .webm: description + ", or take the raw answer with --window-only"
        case .unwritable: description + ", or retake with --window-only"
        }
    }
}
