/// How a splice writes the original: GOPs copied or the whole video encoded
/// again (and why), the decoder's threads and the sound's lane. Decided once,
/// before a packet is read, from what the original is (`SpliceOriginal`) and
/// what the job asks; `SplicePlan` and `SpliceSession` read it. Pure, so each
/// branch is tested without a file.
struct SpliceDecision: Equatable {
    enum Strategy: Equatable {
        /// Only the GOPs a section touches are encoded again; the rest are copied.
        case gops
        /// Every picture is encoded again.
        case wholeVideo(WholeVideoReason)
    }

    /// Where the original's sound goes.
    enum AudioLane: Equatable {
        /// Its packets, as they are.
        case copied
        /// The answers' sound inside the sections: patched in place (`AudioPatchLane`)
        /// when `inPlace` and the track allows it, else encoded whole (`AudioSpliceLane`).
        case sections(inPlace: Bool)
        /// An extension's sound joined at `edge`: after the original's copied AAC
        /// (`AudioExtendLane`) when `inPlace` and it allows it, else encoded whole.
        case extensionAt(SpliceJob.Extension.Edge, inPlace: Bool)
    }

    var strategy: Strategy
    /// HEVC copied beside new GOPs: an open GOP after a run lends it its
    /// leading pictures (`SplicePlan.leadingOnly`).
    var leadingInRun: Bool
    /// An `hev1` original keeps the parameter sets in its copied samples; an
    /// `hvc1` one says its `hvcC` holds them all.
    var setsInBand: Bool
    /// The decoder's threads, 0 for FFmpeg's choice: frame threads each hold
    /// pictures, so past 1440p one keeps the splice under 1 GB (see
    /// `MatchingEncoder.x265Above1440p`).
    var decoderThreads: Int
    /// Nil: the original has no sound.
    var audio: AudioLane?

    var wholeVideo: WholeVideoReason? {
        if case .wholeVideo(let reason) = strategy { reason } else { nil }
    }

    init(strategy: Strategy, leadingInRun: Bool = false, setsInBand: Bool = false, decoderThreads: Int = 0, audio: AudioLane? = nil) {
        self.strategy = strategy
        self.leadingInRun = leadingInRun
        self.setsInBand = setsInBand
        self.decoderThreads = decoderThreads
        self.audio = audio
    }

    init(original: SpliceOriginal, job: SpliceJob) {
        let changesVideo = (job.replaceVideo && !job.pieces.isEmpty) || job.extended != nil
        let reason = changesVideo ? Self.wholeVideoReason(original) : nil
        var leadingInRun = false
        if reason == nil, case .hevc(configured: true, _) = original.codec { leadingInRun = true }
        self.init(strategy: reason.map(Strategy.wholeVideo) ?? .gops, leadingInRun: leadingInRun,
                  setsInBand: original.sampleEntry == "hev1",
                  decoderThreads: original.width * original.height > 2560 * 1440 ? 1 : 0,
                  audio: original.hasAudio ? Self.audioLane(job) : nil)
    }

    /// Why new pictures cannot go beside the original's copied GOPs; nil when they can.
    static func wholeVideoReason(_ original: SpliceOriginal) -> WholeVideoReason? {
        switch original.codec {
        case .hevc(configured: false, _): .hevcWithoutConfiguration
        case .hevc(configured: true, let idsLeft):
            !original.timestampsComplete ? .timestampsMissing : idsLeft ? nil : .hevcParameterSetIDsTaken
        case .other(let name): .uncopyableCodec(name)
        case .h264(configured: false): .h264SetsInBand
        case .h264(configured: true): original.timestampsComplete ? nil : .timestampsMissing
        }
    }

    static func audioLane(_ job: SpliceJob) -> AudioLane {
        if let extended = job.extended {
            return .extensionAt(extended.edge, inPlace: job.soundInPlace && extended.edge == .end)
        }
        return job.replaceAudio && !job.pieces.isEmpty ? .sections(inPlace: job.soundInPlace) : .copied
    }
}
