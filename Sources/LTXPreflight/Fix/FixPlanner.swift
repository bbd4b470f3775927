import LTXContract
import LTXMedia

/// Builds a `FixPlan` from a check: pure, no I/O.
public enum FixPlanner {
    /// The plan that copies a conformant file byte for byte.
    public static func unchanged(section: RetakeSection?) -> FixPlan {
        FixPlan(output: .unchanged, operations: [], video: .copy, audio: .copy, section: section)
    }

    public static func plan(_ report: CheckReport, options: FixOptions = FixOptions()) -> Result<FixPlan, FixPlanError> {
        let unfixable = report.findings.filter { $0.severity == .error && $0.fixAction == .unfixable }
        guard unfixable.isEmpty else { return .failure(.unfixable(unfixable)) }
        switch report.input {
        case "video_uri": return planVideo(report, options)
        case "audio_uri": return planAudio(report, options)
        default: return .success(planImage(report))
        }
    }

    static func error(_ r: CheckReport, _ rule: RuleID) -> Finding? {
        r.findings.first { $0.rule == rule && $0.severity == .error }
    }

    // MARK: retake video_uri

    private static func planVideo(_ r: CheckReport, _ options: FixOptions) -> Result<FixPlan, FixPlanError> {
        guard let video = r.media.primaryVideo else { return .failure(.unfixable([])) }
        var draft = VideoFixDraft(r, options, video: video)
        draft.reencodeCodec()
        draft.downscale()
        draft.fitFrameCount()
        if let failure = draft.cutWindow() { return .failure(failure) }
        draft.padToCanvas()
        draft.fixAudio()
        draft.fitDelivery()
        draft.remuxContainer()
        return .success(draft.plan())
    }

    // MARK: image_uri

    /// What an image too big to send is tried as, in order: PNG, then JPEG
    /// and WEBP (the API's other two formats) at falling quality.
    public static let imageLadder: [ImageEncoding] =
        [.png] + [2, 4, 6, 9, 13].map { ImageEncoding(.jpeg, quality: $0) } + [90, 75, 60, 45, 30].map { ImageEncoding(.webp, quality: $0) }

    private static func planImage(_ r: CheckReport) -> FixPlan {
        var ops: [FixOperation] = []
        if error(r, .imageFormat) != nil {
            ops.append(FixOperation(action: .convertImage, detail: "convert \(r.media.container.displayName) to PNG", rules: [.imageFormat]))
        }
        var ladder: [ImageEncoding]?
        if error(r, .deliverySize) != nil {
            // Full size kept; lossless first, then lossy at falling quality.
            ladder = imageLadder
            ops.append(FixOperation(action: .recompress,
                                    detail: "write the first that fits \(r.delivery.rawValue): " + ladder!.map(\.description).joined(separator: ", "),
                                    rules: [.deliverySize]))
        }
        if ops.isEmpty { return FixPlan(output: .unchanged, operations: [], video: .copy, audio: .drop) }
        return FixPlan(output: .png, operations: ops, video: .copy, audio: .drop, imageLadder: ladder)
    }
}

