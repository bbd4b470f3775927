import LTXContract
import LTXMedia

/// The human and JSON forms `ltx-prep hdr` prints, for any Swift program.
extension HDROutcome: Encodable {
    private enum CodingKeys: String, CodingKey {
        case pieces, tier, tierFrames, clipFrames, estimatedCost, paidPieces, jobIds, assembly, written, alreadyDone, requests
    }

    private struct PieceJSON: Encodable {
        var firstFrame: Int
        var frames: Int
        var start: Double
        var duration: Double
        var exact: Bool
        var resumed: GenerationOutcome.Resumption?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(zip(plan.pieces, generations.map(Optional.some) + Array(repeating: nil, count: max(0, plan.pieces.count - generations.count)))
            .map { piece, outcome in
                PieceJSON(firstFrame: piece.firstFrame, frames: piece.frameCount, start: (piece.window.start * 1000).rounded() / 1000,
                          duration: (piece.window.duration * 1000).rounded() / 1000, exact: piece.exact, resumed: outcome?.resumed)
            }, forKey: .pieces)
        try c.encode(plan.tier, forKey: .tier)
        try c.encode(plan.tierFrames, forKey: .tierFrames)
        try c.encode(plan.clipFrames, forKey: .clipFrames)
        try c.encodeIfPresent(plan.estimate.map { Pricing.rounded($0.dollars) }, forKey: .estimatedCost)
        if !alreadyDone && assembly != nil { try c.encode(paidPieces, forKey: .paidPieces) }
        try c.encode(generations.compactMap(\.jobID), forKey: .jobIds)
        try c.encodeIfPresent(assembly, forKey: .assembly)
        try c.encodeIfPresent(written, forKey: .written)
        if alreadyDone { try c.encode(true, forKey: .alreadyDone) }
        if assembly == nil, !alreadyDone {
            // A dry run: the bodies that would be sent.
            try c.encode(generations.compactMap { $0.request.flatMap { try? $0.json() }.map { String(decoding: $0, as: UTF8.self) } }, forKey: .requests)
        }
    }

    /// The pieces this run paid for (the others the journal had).
    public var paidPieces: Int { generations.filter { $0.resumed == nil }.count }

    /// What was written (its tags, frames, the boundary steps) and what it cost; on a dry run, the pieces that would be sent.
    public var text: String {
        let pieceLines = plan.pieces.enumerated().map { i, p in
            "  piece \(i + 1): frames \(p.firstFrame + 1) to \(p.firstFrame + p.frameCount) (\(p.frameCount)), "
                + "\(Format.seconds(p.window.start)) to \(Format.seconds(p.window.end)), " + (p.exact ? "cut exactly" : "copied from a keyframe")
        }
        let cost = plan.estimate.map { "estimated cost: \($0)" } ?? "price unknown: no documented price for \(plan.tier)"
        if alreadyDone {
            return "already done: the output is this HDR conversion's result, made by an earlier run and unchanged; nothing was paid or written"
        }
        guard let w = written, let a = assembly else {
            return (["dry run: would send \(plan.pieces.count) piece\(plan.pieces.count == 1 ? "" : "s") of at most \(plan.tierFrames) frames "
                     + "(\(plan.tier)) of \(plan.clipFrames)"] + pieceLines + ["  " + cost]).joined(separator: "\n")
        }
        var lines = ["wrote \(w.width)x\(w.height), \(w.frames) frames, \(w.codec)\(w.profile.map { " \($0)" } ?? "") \(w.pixelFormat ?? "?"), "
                     + "\(w.colorPrimaries ?? "?")/\(w.colorTransfer ?? "?")/\(w.colorSpace ?? "?"), \(w.bytes) bytes"]
        lines.append("  \(plan.pieces.count) piece\(plan.pieces.count == 1 ? "" : "s") of at most \(plan.tierFrames) frames (\(plan.tier)); paid this run: \(paidPieces)")
        lines += pieceLines
        lines.append("  MaxCLL \(a.maxCLL) cd/m², MaxFALL \(a.maxFALL) cd/m²; EXR colour space \(a.colorSpaces.map(\.rawValue).joined(separator: ", "))")
        for step in a.boundarySteps {
            lines.append("  boundary at frame \(step.frame): luminance step \(Format.number(step.step, decimals: 4)) "
                         + "(within pieces: median \(Format.number(step.withinMedian, decimals: 4)), max \(Format.number(step.withinMax, decimals: 4)))"
                         + (step.crossfadeAdvised ? "; --overlap would crossfade it" : ""))
        }
        lines.append(a.audioPacketsCopied > 0 ? "  the input's audio, \(a.audioPacketsCopied) packets copied unchanged" : "  no audio: the input has none")
        if a.exrFilesWritten > 0 { lines.append("  \(a.exrFilesWritten) EXR frames kept") }
        lines.append("  " + (paidPieces == 0 ? "nothing paid this run: the journal had every piece" : cost))
        return lines.joined(separator: "\n")
    }
}
