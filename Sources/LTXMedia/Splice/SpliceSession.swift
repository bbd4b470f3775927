internal import CFFmpeg

/// One splice: owns the original, the output and the lanes. The video's GOPs
/// are copied packet for packet (remux.c) unless they overlap a replaced
/// section; those are decoded and encoded again (transcode.c), in runs of
/// consecutive GOPs, each run flushed before the next copied packet.
final class SpliceSession {
    /// The caller's job, its sections moved onto the original's own clock.
    let job: SpliceJob
    /// The original's clock at its first instant (`FormatContext.clockStart`):
    /// a result counts from there again.
    let clockStart: Double
    let input: FormatContext
    let output: OutputContext
    let videoIndex: Int
    let outVideo: Int
    let videoTimeBase: AVRational
    let gops: GOPIndex
    /// The B-frame delay, for a re-encoded packet whose replaced dts cannot be used.
    let maxDelay: Int64
    /// GOPs re-encoded; every GOP when the decision is the whole video.
    let reencoded: Set<Int>
    /// Copied GOPs fed to the decoder too: a following open GOP refers to them.
    let references: Set<Int>
    /// Packets copied at the start of a run's first GOP, before its section
    /// (`GOPIndex.copyablePrefix`): decoded as references, not encoded again.
    let prefixes: [Int: Int]
    /// Re-encoded GOPs whose every picture comes from an answer: their
    /// packets are not decoded at all.
    let answerOnly: Set<Int>
    /// Open GOPs after a run whose leading pictures end it (`SplicePlan.leadingOnly`).
    let leadingOnly: Set<Int>
    /// Such a GOP's IRAP, held while its leading pictures go to the run: written right after it.
    var heldIRAP: HeldPacket?
    /// GOPs or the whole video, the decoder's threads, the sound's lane: decided once.
    let decision: SpliceDecision
    let encoderSpec: MatchingEncoder?
    /// The encoder opened to learn the track's parameters, kept for the first
    /// run: a second libx264 at the same settings would allocate and zero its
    /// buffers again for nothing.
    var spareEncoder: Encoder?
    /// How re-encoded runs become samples beside the copied GOPs; nil when the
    /// encoder owns the whole track.
    let form: SampleForm?
    /// HEVC: a run just ended, so the next copied sample starts a sequence again (a CRA made a BLA).
    var resumeAfterRun = false
    let decoder: Decoder?
    let rotation: Int
    let audioIndex: Int?
    let audioCopy: (timeBase: AVRational, out: Int)?
    let audioSplice: (any SplicedSound)?
    var answers: [Int: AnswerPictures] = [:]
    var run: VideoRun?
    let frame = Frame()
    var converter: Scaler?
    var fromAnswer = Set<Int64>()
    var videoPackets = 0
    /// How far the original's packets move later (in the video's time base):
    /// the extension's length when it comes first, else 0.
    let shift: Int64
    /// The latest decode time written for a copied picture, which an
    /// extension's first packet must follow.
    var lastCopiedDts: Int64 = .min

    init(job: SpliceJob) throws(MediaError) {
        guard job.original != job.output else {
            throw MediaError(kind: .output, path: job.output, message: "refusing to write over the input")
        }
        // Opened twice: the GOP index reads every packet of the first; the second is read from its start.
        let scan = try FormatContext(path: job.original, timeout: nil)
        try scan.findStreamInfo()
        // The job's sections count from the original's start; its packets, on its own clock (1.4 s ahead in an MPEG-TS).
        let clockStart = scan.clockStart
        self.clockStart = clockStart
        let job = job.onClock(startingAt: clockStart)
        self.job = job
        let streams = StreamReader.read(scan, container: .other, adtsHeader: nil)
        guard let v = streams.video.first(where: { !$0.info.isImage }) else {
            throw MediaError(kind: .noStreams, path: job.original, message: "no video stream to splice into")
        }
        let videoIndex = v.info.index
        let audioIndex = streams.audio.first?.index
        self.videoIndex = videoIndex
        self.audioIndex = audioIndex
        let gops = try GOPIndex(scan, stream: videoIndex)
        self.gops = gops
        maxDelay = gops.maxDelay
        rotation = v.info.rotation

        let input = try FormatContext(path: job.original, timeout: nil)
        self.input = input
        try input.findStreamInfo()
        if let why = SpliceRefusal.of(job.container) { throw MediaError(kind: .unsupported, path: job.original, message: "cannot splice into it: \(why)") }
        let output = try OutputContext(path: job.output, format: SpliceRefusal.muxer(for: job.container) ?? "mp4")
        self.output = output

        let extended = job.extended
        shift = extended?.edge == .start ? Int64(extended?.frames ?? 0) * gops.frameDuration : 0
        let source = input.withStream(videoIndex) { SpliceVideoSource($0) }
        let decision = SpliceDecision(original: source.described(container: job.container, timestampsComplete: gops.complete, hasAudio: audioIndex != nil),
                                      job: job)
        self.decision = decision
        let plan = SplicePlan.make(gops, spans: job.replaceVideo ? job.pieces.map(\.section) : [], decision: decision) {
            Self.piece(at: gops.seconds($0), in: job) != nil
        }
        (reencoded, references, answerOnly, prefixes, leadingOnly) = (plan.reencoded, plan.references, plan.answerOnly, plan.prefixes, plan.leadingOnly)

        // The video stream: copied with both encoders' parameter sets, or the encoder's own.
        let needsEncoder = !plan.reencoded.isEmpty || extended != nil
        let track = try input.withStream(videoIndex) { st throws(MediaError) in
            try SpliceVideoTrack(source, decision: decision, needsEncoder: needsEncoder, stream: st, output: output, job: job)
        }
        (outVideo, form, encoderSpec, spareEncoder) = (track.outIndex, track.form, track.encoder, track.spare)
        decoder = needsEncoder ? try input.withStream(videoIndex) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: job.original, threads: Int32(decision.decoderThreads), timeBase: st.pointee.time_base)
        } : nil
        videoTimeBase = input.withStream(videoIndex) { $0.pointee.time_base }

        let sound = try SpliceSound(decision.audio, stream: audioIndex, job: job, gops: gops, input: input, output: output)
        (audioSplice, audioCopy) = (sound.lane, sound.copy)
        input.keepOnly(streams: Set([videoIndex] + (audioIndex.map { [$0] } ?? [])))
    }

    func run(progress: (TranscodeProgress) -> Void, isCancelled: () -> Bool) throws(MediaError) -> SpliceResult {
        try output.writeHeader(fastStart: output.format == "mp4" || output.format == "mov")
        let packet = Packet()
        let total = gops.sortedPts.count + (job.extended?.frames ?? 0)
        if job.extended?.edge == .start {
            // The extension first, on the original's first timestamps; then the original, shifted.
            try startRun(at: decision.wholeVideo != nil ? 0 : nil)
            try encodeExtension(isCancelled: isCancelled)
            if decision.wholeVideo == nil { try endRun() }
        }
        while try input.readPacket(into: packet) {
            if isCancelled() { throw MediaError(kind: .cancelled, path: job.output, message: "cancelled") }
            let index = packet.streamIndex
            if index == videoIndex {
                try takeVideo(packet)
                if videoPackets % 30 == 0 {
                    progress(TranscodeProgress(framesDone: videoPackets, framesExpected: total,
                                               secondsDone: gops.seconds(packet.pts ?? 0) - clockStart))
                }
            } else if index == audioIndex {
                if let audioSplice {
                    try audioSplice.take(packet, output: output)
                } else if let audioCopy {
                    try output.writeCopy(packet, shiftedBy: 0, from: audioCopy.timeBase, to: audioCopy.out)
                }
            }
        }
        if job.extended?.edge == .end {
            if decision.wholeVideo != nil {
                // The same encoder goes on past the original's last picture.
                try decoder?.flush()
                try drainDecoder()
            } else {
                try endRun()
                try startRun(at: nil)
            }
            try encodeExtension(isCancelled: isCancelled)
            try finishRun()
        }
        try endRun()
        try audioSplice?.finish(output: output)
        try output.finish()
        progress(TranscodeProgress(framesDone: total, framesExpected: total, secondsDone: gops.seconds(gops.sortedPts.last ?? 0) - clockStart))
        return result()
    }
}
