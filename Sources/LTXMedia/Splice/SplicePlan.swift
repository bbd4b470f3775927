/// Which GOPs a splice encodes again, and how: decided once from the GOP
/// index and the replaced spans, before a packet is written. Pure, so it is
/// tested on made-up GOPs without a file.
struct SplicePlan: Equatable {
    /// GOPs decoded and encoded again; every GOP when the whole video is.
    var reencoded: Set<Int>
    /// Copied GOPs fed to the decoder too: a following open GOP refers to them.
    var references: Set<Int>
    /// Re-encoded GOPs whose every picture comes from an answer: not decoded at all.
    var answerOnly: Set<Int>
    /// Packets copied at the start of a run's first GOP, before its section
    /// (`GOPIndex.copyablePrefix`): decoded as references, not encoded again.
    var prefixes: [Int: Int]
    /// Open GOPs right after a run whose leading pictures (shown before their
    /// IRAP, referring to the run's GOPs) end the run, re-encoded; their IRAP
    /// and trailing pictures are copied. HEVC only: there a CRA's trailing
    /// pictures refer to nothing before it, so an end of sequence before the
    /// CRA leaves them whole; otherwise such a GOP is re-encoded whole.
    var leadingOnly: Set<Int> = []

    /// `spans` are the replaced video sections (seconds); `decision` says
    /// whether every GOP is encoded (a codec or stream that cannot take new
    /// GOPs beside its own) and whether a run takes the next open GOP's
    /// leading pictures; `inSection` says whether a picture (by timestamp) is replaced.
    static func make(_ gops: GOPIndex, spans: [TimeWindow], decision: SpliceDecision, inSection: (Int64) -> Bool) -> SplicePlan {
        let all = gops.gops
        let whole = decision.wholeVideo != nil, leadingInRun = decision.leadingInRun
        let reencoded: Set<Int> = whole ? Set(all.indices) : spans.isEmpty ? [] : gops.overlapping(spans, followingOpen: !leadingInRun)
        let leadingOnly: Set<Int> = whole || !leadingInRun ? [] : Set(reencoded.compactMap { g in
            g + 1 < all.count && !reencoded.contains(g + 1) && all[g + 1].isOpen ? g + 1 : nil
        })
        let references = Set(reencoded.compactMap { g in g > 0 && !reencoded.contains(g - 1) && all[g].isOpen ? g - 1 : nil })
        // A GOP whose pictures all come from an answer is not decoded, unless the next one's leading pictures refer to it.
        let answerOnly = reencoded.filter { g in
            all[g].pts.allSatisfy(inSection) && !((reencoded.contains(g + 1) || leadingOnly.contains(g + 1)) && all[g + 1].isOpen)
        }
        var prefixes: [Int: Int] = [:]
        if !whole {
            for g in reencoded where !reencoded.contains(g - 1) && !answerOnly.contains(g) {
                guard let cut = all[g].pts.filter(inSection).min() else { continue }
                let k = gops.copyablePrefix(of: g, before: cut)
                if k > 0 { prefixes[g] = k }
            }
        }
        return SplicePlan(reencoded: reencoded, references: references, answerOnly: answerOnly, prefixes: prefixes, leadingOnly: leadingOnly)
    }
}
