internal import CFFmpeg

/// One splice: owns the original, the output and the lanes. The video's GOPs
/// are copied packet for packet (remux.c) unless they overlap a replaced
/// section; those are decoded and encoded again (transcode.c), in runs of
/// consecutive GOPs, each run flushed before the next copied packet.
final class SpliceSession {
    /// The caller's job, its sections moved onto the original's own clock.
    private let job: SpliceJob
    /// The original's clock at its first instant (`FormatContext.clockStart`):
    /// a result counts from there again.
    private let clockStart: Double
    private let input: FormatContext
    private let output: OutputContext
    private let videoIndex: Int
    private let outVideo: Int
    private let videoTimeBase: AVRational
    private let gops: GOPIndex
    /// The B-frame delay, for a re-encoded packet whose replaced dts cannot be used.
    private let maxDelay: Int64
    /// GOPs re-encoded; every GOP when the decision is the whole video.
    private let reencoded: Set<Int>
    /// Copied GOPs fed to the decoder too: a following open GOP refers to them.
    private let references: Set<Int>
    /// Packets copied at the start of a run's first GOP, before its section
    /// (`GOPIndex.copyablePrefix`): decoded as references, not encoded again.
    private let prefixes: [Int: Int]
    /// Re-encoded GOPs whose every picture comes from an answer: their
    /// packets are not decoded at all.
    private let answerOnly: Set<Int>
    /// Open GOPs after a run whose leading pictures end it (`SplicePlan.leadingOnly`).
    private let leadingOnly: Set<Int>
    /// Such a GOP's IRAP, held while its leading pictures go to the run: written right after it.
    private var heldIRAP: HeldPacket?
    /// GOPs or the whole video, the decoder's threads, the sound's lane: decided once.
    private let decision: SpliceDecision
    private let encoderSpec: MatchingEncoder?
    /// The encoder opened to learn the track's parameters, kept for the first
    /// run: a second libx264 at the same settings would allocate and zero its
    /// buffers again for nothing.
    private var spareEncoder: Encoder?
    /// How re-encoded runs become samples beside the copied GOPs; nil when the
    /// encoder owns the whole track.
    private let form: SampleForm?
    /// HEVC: a run just ended, so the next copied sample starts a sequence again (a CRA made a BLA).
    private var resumeAfterRun = false
    private let decoder: Decoder?
    private let rotation: Int
    private let audioIndex: Int?
    private var audioCopy: (timeBase: AVRational, out: Int)?
    private let audioSplice: (any SplicedSound)?
    private var answers: [Int: AnswerPictures] = [:]
    private var run: VideoRun?
    private let frame = Frame()
    private var converter: Scaler?
    private var fromAnswer = Set<Int64>()
    private var videoPackets = 0
    /// How far the original's packets move later (in the video's time base):
    /// the extension's length when it comes first, else 0.
    private let shift: Int64
    /// The latest decode time written for a copied picture, which an
    /// extension's first packet must follow.
    private var lastCopiedDts: Int64 = .min

    /// The muxer that writes `container`; nil for one a splice cannot write.
    static func muxer(for container: ContainerFormat) -> String? {
        switch container {
        case .mp4: "mp4"
        case .mov: "mov"
        case .mkv: "matroska"
        case .threeGP: "3gp"
        case .avi: "avi"
        case .mpegts: "mpegts"
        case .flv: "flv"
        default: nil
        }
    }

    /// Why a video in `container` cannot be spliced, before anything is paid
    /// for it; nil when it can. The splice writes H.264 (or HEVC) and AAC-LC,
    /// which a WebM cannot hold.
    static func refusal(_ container: ContainerFormat) -> SpliceRefusal? {
        if container == .webm { return .webm }
        return muxer(for: container) == nil ? .unwritable(container) : nil
    }

    init(job: SpliceJob) throws(MediaError) {
        guard job.original != job.output else {
            throw MediaError(kind: .output, path: job.output, message: "refusing to write over the input")
        }
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
        if let why = Self.refusal(job.container) { throw MediaError(kind: .unsupported, path: job.original, message: "cannot splice into it: \(why)") }
        let output = try OutputContext(path: job.output, format: Self.muxer(for: job.container) ?? "mp4")
        self.output = output

        let videoSpans = job.replaceVideo ? job.pieces.map(\.section) : []
        let extended = job.extended
        shift = extended?.edge == .start ? Int64(extended?.frames ?? 0) * gops.frameDuration : 0
        let (codec, tag, extradata) = input.withStream(videoIndex) { st in
            (st.pointee.codecpar.pointee.codec_id, st.pointee.codecpar.pointee.codec_tag,
             st.pointee.codecpar.pointee.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(st.pointee.codecpar.pointee.extradata_size))) } ?? [])
        }
        let original = codec == AV_CODEC_ID_H264 ? AVCConfiguration(extradata) : nil
        let hevc = codec == AV_CODEC_ID_HEVC ? HEVCConfiguration(extradata) : nil
        let hevcIDs = hevc.flatMap { HEVCParameterSetIDs(avoiding: $0.parameterSets) }
        let size = input.withStream(videoIndex) { (Int($0.pointee.codecpar.pointee.width), Int($0.pointee.codecpar.pointee.height)) }
        let described = SpliceOriginal(
            codec: codec == AV_CODEC_ID_H264 ? .h264(configured: original != nil)
                : codec == AV_CODEC_ID_HEVC ? .hevc(configured: hevc != nil, idsLeft: hevcIDs != nil) : .other(String(cString: avcodec_get_name(codec))),
            sampleEntry: job.container == .mp4 || job.container == .mov ? FourCC.text(tag) : nil,
            timestampsComplete: gops.complete, width: size.0, height: size.1, hasAudio: audioIndex != nil)
        let decision = SpliceDecision(original: described, job: job)
        self.decision = decision
        let plan = SplicePlan.make(gops, spans: videoSpans, decision: decision) {
            Self.piece(at: gops.seconds($0), in: job) != nil
        }
        (reencoded, references, answerOnly, prefixes, leadingOnly) = (plan.reencoded, plan.references, plan.answerOnly, plan.prefixes, plan.leadingOnly)
        let reencoded = self.reencoded

        // The video stream: copied with both encoders' parameter sets, or the encoder's own.
        let needsEncoder = !reencoded.isEmpty || extended != nil
        var form: SampleForm?
        var spec: MatchingEncoder?
        var spare: Encoder?
        let outVideo: Int
        if needsEncoder && decision.wholeVideo == nil, let original {
            let taken = original.sequenceParameterSetIDs.union(original.pictureParameterSets.compactMap {
                AVCConfiguration.firstExpGolomb(in: $0, skippingBytes: 1)
            })
            let id = (1...31).first { !taken.contains($0) } ?? 31
            let matching = input.withStream(videoIndex) { MatchingEncoder(stream: $0, crf: job.crf, preset: job.preset, parameterSetID: id, bFrames: false) }
            // An encoder opened to read its parameter sets, for the track's avcC.
            let probe = try matching.open(for: output)
            spare = probe
            let units = probe.extradata.withUnsafeBufferPointer { buffer in
                AVCConfiguration.annexBUnits(buffer).map { Array(buffer[$0]) }
            }
            let added = AVCConfiguration(profile: original.profile, compatibility: original.compatibility, level: original.level,
                                         lengthSize: original.lengthSize,
                                         sequenceParameterSets: units.filter { ($0.first ?? 0) & 0x1f == 7 },
                                         pictureParameterSets: units.filter { ($0.first ?? 0) & 0x1f == 8 }, trailer: [])
            guard !added.sequenceParameterSets.isEmpty, !added.pictureParameterSets.isEmpty else {
                throw MediaError(kind: .unsupported, path: job.original, message: "libx264 gave no parameter sets to splice with")
            }
            let merged = original.adding(added)
            form = .avc(merged)
            spec = matching
            outVideo = try input.withStream(videoIndex) { st throws(MediaError) in try output.addCopiedStream(of: st, extradata: merged.bytes) }
        } else if needsEncoder && decision.wholeVideo == nil, let hevc, let hevcIDs {
            let matching = input.withStream(videoIndex) { MatchingEncoder(stream: $0, crf: job.crf, preset: job.preset, parameterSetID: nil, bFrames: false) }
            // An encoder opened to read its parameter sets, for the track's hvcC under ids of their own.
            let probe = try matching.open(for: output)
            spare = probe
            let sets = HEVCConfiguration.parameterSets(annexB: probe.extradata)
            let moved = sets.compactMap(hevcIDs.rewrite)
            guard sets.count >= 3, moved.count == sets.count,
                  let merged = HEVCConfiguration.adding(moved, to: extradata, complete: !decision.setsInBand) else {
                throw MediaError(kind: .unsupported, path: job.original, message: "libx265 gave no parameter sets to splice with")
            }
            form = .hevc(hevc, ids: hevcIDs)
            spec = matching
            outVideo = try input.withStream(videoIndex) { st throws(MediaError) in
                try output.addCopiedStream(of: st, extradata: merged, inBandParameterSets: decision.setsInBand)
            }
        } else if needsEncoder {
            let matching = input.withStream(videoIndex) { MatchingEncoder(stream: $0, crf: job.crf, preset: job.preset, parameterSetID: nil, bFrames: true) }
            spec = matching
            let encoder = try matching.open(for: output)
            spare = encoder
            outVideo = try input.withStream(videoIndex) { st throws(MediaError) in
                try output.addStream(for: encoder) { out in cffmpeg_copy_display_matrix(st, out) }
            }
        } else {
            outVideo = try input.withStream(videoIndex) { st throws(MediaError) in try output.addCopiedStream(of: st) }
        }
        self.outVideo = outVideo
        self.form = form
        encoderSpec = spec
        spareEncoder = spare
        decoder = needsEncoder ? try input.withStream(videoIndex) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: job.original, threads: Int32(decision.decoderThreads), timeBase: st.pointee.time_base)
        } : nil
        videoTimeBase = input.withStream(videoIndex) { $0.pointee.time_base }

        var audioCopy: (timeBase: AVRational, out: Int)?
        if case .extensionAt(let edge, let inPlace) = decision.audio, let a = audioIndex, let extended {
            // The original's sound, then (or after) the answer's for the extension, crossfaded at the seam.
            let added = Double(extended.frames) * gops.seconds(gops.frameDuration)
            let videoEnd = gops.seconds((gops.sortedPts.last ?? 0) + gops.frameDuration)
            let videoStart = gops.seconds(gops.sortedPts.first ?? 0)
            let span = edge == .end ? TimeWindow(start: videoEnd, duration: added + 1) : TimeWindow(start: videoStart - 1, duration: 1 + added)
            let answerStart = edge == .end ? videoEnd - extended.answerStart : videoStart - extended.answerStart
            let piece = SpliceJob.Piece(answer: extended.answer, answerStart: answerStart, section: span)
            if inPlace,
               let lane = try AudioExtendLane(a, from: input, to: output, piece: piece, seam: videoEnd, until: videoEnd + added, crossfade: job.crossfade) {
                audioSplice = lane
            } else {
                audioSplice = try AudioSpliceLane(encoding: a, from: input, to: output, pieces: [piece], crossfade: job.crossfade,
                                                  shift: edge == .start ? added : 0, until: edge == .end ? videoEnd + added : nil)
            }
        } else if case .sections(let inPlace) = decision.audio, let a = audioIndex {
            // In place when it can be: the sound outside the sections stays the original's, bit for bit.
            if inPlace, let patch = try AudioPatchLane(a, from: input, to: output, pieces: job.pieces, crossfade: job.crossfade,
                                              duration: input.durationSeconds ?? 0) {
                audioSplice = patch
            } else {
                audioSplice = try AudioSpliceLane(encoding: a, from: input, to: output, pieces: job.pieces, crossfade: job.crossfade)
            }
        } else {
            audioSplice = nil
            if let a = audioIndex {
                audioCopy = try input.withStream(a) { st throws(MediaError) in (st.pointee.time_base, try output.addCopiedStream(of: st)) }
            }
        }
        self.audioCopy = audioCopy
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

    private func takeVideo(_ packet: borrowing Packet) throws(MediaError) {
        let n = videoPackets
        videoPackets += 1
        let g = gops.gop(ofPacket: n)
        if let g, leadingOnly.contains(g), run != nil, try takeLeading(packet, of: g, position: n - gops.gops[g].packets.lowerBound) { return }
        guard let g, reencoded.contains(g) else {
            try endRun()
            if let g, references.contains(g) {
                try decoder?.send(packet)
                try drainDecoder()  // pictures no run owns are dropped
            }
            if let dts = packet.dts { lastCopiedDts = max(lastCopiedDts, dts + shift) }
            try writeCopied(packet)
            return
        }
        if run == nil { try startRun(at: g) }
        let position = n - gops.gops[g].packets.lowerBound
        if answerOnly.contains(g) {
            if position == 0 { try encodeAnswerOnly(g) }
            return
        }
        try decoder?.send(packet)
        try drainDecoder()
        if position < prefixes[g, default: 0] { try writeCopied(packet) }
    }

    /// An open GOP after a run: its IRAP and leading pictures are decoded for
    /// the run, which encodes the leading ones and ends with the last; the IRAP
    /// is then copied, taking the last leading picture's decode time (the run
    /// took the earlier ones). False for a trailing packet: copied as any.
    private func takeLeading(_ packet: borrowing Packet, of g: Int, position: Int) throws(MediaError) -> Bool {
        let leading = gops.gops[g].leading
        guard position == 0 || leading.contains(position) else { return false }
        try decoder?.send(packet)
        try drainDecoder()
        if position == 0 { heldIRAP = HeldPacket(packet) }
        guard position == leading.last, let held = heldIRAP else { return true }
        heldIRAP = nil
        try endRun()
        let dts = gops.gops[g].dts[position]
        held.packet.pointer.pointee.dts = dts
        lastCopiedDts = max(lastCopiedDts, dts + shift)
        try writeCopied(held.packet)
        return true
    }

    /// The section that holds `t` (seconds in the original), when the video is replaced.
    private static func piece(at t: Double, in job: SpliceJob) -> Int? {
        guard job.replaceVideo else { return nil }
        return job.pieces.firstIndex { $0.section.start <= t + 1e-9 && t < $0.section.end - 1e-9 }
    }

    /// The answer's picture for `ts` (in the original's time base), when `ts` is in a section.
    private func answerPicture(at ts: Int64) throws(MediaError) -> UnsafeMutablePointer<AVFrame>? {
        let t = gops.seconds(ts)
        guard let i = Self.piece(at: t, in: job), let spec = encoderSpec else { return nil }
        let piece = job.pieces[i]
        if answers[i] == nil {
            answers[i] = try AnswerPictures(path: piece.answer, width: spec.width, height: spec.height, format: spec.pixelFormat, rotation: rotation,
                                            hdr: spec.hdr)
        }
        return try answers[i]?.picture(at: t - piece.answerStart)
    }

    /// A GOP wholly inside a section: the pictures before it leave the decoder
    /// first (it restarts at the next keyframe), then the answer's pictures
    /// are encoded on the GOP's timestamps, without decoding its packets.
    private func encodeAnswerOnly(_ g: Int) throws(MediaError) {
        if let decoder {
            try decoder.flush()
            try drainDecoder()
            decoder.reset()
        }
        guard let run else { return }
        for ts in gops.gops[g].pts.sorted() {
            guard let picture = try answerPicture(at: ts) else {
                throw MediaError(kind: .unreadable, path: job.pieces.first?.answer ?? job.original, message: "the answer has no pictures")
            }
            fromAnswer.insert(ts)
            try run.encode(picture, timestamp: ts, output: output)
        }
    }

    /// A run covers the consecutive re-encoded GOPs from `g` on; with `g`
    /// nil, an extension's pictures alone, after every copied packet.
    private func startRun(at g: Int?) throws(MediaError) {
        guard let encoderSpec else { return }
        guard let g else {
            let encoder: Encoder
            if let spareEncoder { encoder = spareEncoder } else { encoder = try encoderSpec.open(for: output) }
            spareEncoder = nil
            run = VideoRun(encoder: encoder, outIndex: outVideo, timeBase: videoTimeBase, pts: [], dts: [], maxDelay: maxDelay,
                           frameDuration: gops.frameDuration, form: form, after: lastCopiedDts)
            return
        }
        var last = g
        while reencoded.contains(last + 1) { last += 1 }
        // The copied prefix keeps its own decode times; the run takes the rest.
        let skip = prefixes[g, default: 0]
        let members = gops.gops[g...last]
        // An open GOP after the run lends it its leading pictures, and their decode times from its IRAP's on.
        let next = leadingOnly.contains(last + 1) ? gops.gops[last + 1] : nil
        let lent = next.map { n in n.leading.map { n.pts[$0] } } ?? []
        let lentDts = next.map { Array($0.dts.prefix($0.leading.count)) } ?? []
        let encoder: Encoder
        if let spareEncoder { encoder = spareEncoder } else { encoder = try encoderSpec.open(for: output) }
        spareEncoder = nil
        run = VideoRun(encoder: encoder, outIndex: outVideo, timeBase: videoTimeBase,
                       pts: Set(members.flatMap(\.pts) + lent).subtracting(gops.gops[g].pts.prefix(skip)),
                       dts: Array(members.flatMap(\.dts).dropFirst(skip)) + lentDts, maxDelay: maxDelay,
                       frameDuration: gops.frameDuration, form: form)
    }

    private func drainDecoder() throws(MediaError) {
        guard let decoder else { return }
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let ts = frame.timestamp
            guard let run, run.owns(ts) else { continue }
            var picture = frame.pointer
            if let answered = try answerPicture(at: ts) {
                picture = answered
                fromAnswer.insert(ts)
            }
            if picture == frame.pointer, let spec = encoderSpec, frame.pointer.pointee.format != spec.pixelFormat.rawValue {
                // A whole re-encode of a format the encoder does not take (ProRes 4:2:2 10-bit...).
                if converter == nil {
                    let f = frame.pointer.pointee
                    converter = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)),
                                           to: (spec.width, spec.height, spec.pixelFormat))
                }
                picture = try converter!.scale(frame.pointer)
            }
            try run.encode(picture, timestamp: ts + shift, output: output)
        }
    }

    /// The extension's pictures from its answer, into the open run: after
    /// the original's last picture, or on its first timestamps (the original
    /// then moves later by as many frames).
    private func encodeExtension(isCancelled: () -> Bool) throws(MediaError) {
        guard let extended = job.extended, let spec = encoderSpec, let run else { return }
        let pictures = try AnswerPictures(path: extended.answer, width: spec.width, height: spec.height, format: spec.pixelFormat,
                                          rotation: rotation, crop: extended.crop, hdr: spec.hdr)
        let base = extended.edge == .end ? (gops.sortedPts.last ?? 0) + gops.frameDuration : (gops.sortedPts.first ?? 0)
        let step = gops.seconds(gops.frameDuration)
        for k in 0..<extended.frames {
            // Each picture is decoded, scaled and encoded: seconds in all, so a signal is heard between them.
            if isCancelled() { throw MediaError(kind: .cancelled, path: job.output, message: "cancelled") }
            guard let picture = try pictures.picture(at: extended.answerStart + Double(k) * step) else {
                throw MediaError(kind: .unreadable, path: extended.answer, message: "the answer has no pictures")
            }
            try run.encode(picture, timestamp: base + Int64(k) * gops.frameDuration, output: output)
        }
    }

    /// Flushes the decoder and the run's encoder; the decoder starts clean
    /// for the next run.
    private func endRun() throws(MediaError) {
        guard run != nil else { return }
        try decoder?.flush()
        try drainDecoder()
        try finishRun()
        decoder?.reset()
    }

    /// The run's encoder flushed; the next copied sample resumes the original's stream.
    private func finishRun() throws(MediaError) {
        try run?.finish(output: output)
        run = nil
        resumeAfterRun = true
    }

    /// A copied video packet, shifted when an extension comes first; after an
    /// HEVC run, its CRA made a BLA.
    private func writeCopied(_ packet: borrowing Packet) throws(MediaError) {
        if resumeAfterRun, let bytes = form?.resuming(packet.withBytes { Array($0) }) {
            resumeAfterRun = false
            let joined = Packet()
            try FFmpegError.check(av_new_packet(joined.pointer, Int32(bytes.count)), "av_new_packet")
            bytes.withUnsafeBufferPointer { joined.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
            try FFmpegError.check(av_packet_copy_props(joined.pointer, packet.pointer), "av_packet_copy_props")
            return try output.writeCopy(joined, shiftedBy: -shift, from: videoTimeBase, to: outVideo)
        }
        resumeAfterRun = false
        try output.writeCopy(packet, shiftedBy: -shift, from: videoTimeBase, to: outVideo)
    }

    private func result() -> SpliceResult {
        let copiedPrefixes = prefixes.flatMap { g, k in gops.gops[g].pts.prefix(k) }
        let lentPts = leadingOnly.flatMap { g in gops.gops[g].leading.map { gops.gops[g].pts[$0] } }
        let reencodedPts = Set(reencoded.flatMap { gops.gops[$0].pts } + lentPts).subtracting(copiedPrefixes)
        var ranges: [SpliceResult.FrameRange] = []
        for (i, ts) in gops.sortedPts.enumerated() {
            let source: SpliceResult.Source = fromAnswer.contains(ts) ? .answer : reencodedPts.contains(ts) ? .reencoded : .copied
            let end = gops.seconds(ts + gops.frameDuration)
            if var last = ranges.last, last.source == source {
                last.lastFrame = i
                last.end = end
                ranges[ranges.count - 1] = last
            } else {
                ranges.append(SpliceResult.FrameRange(source: source, firstFrame: i, lastFrame: i, start: gops.seconds(ts), end: end))
            }
        }
        var frames = gops.sortedPts.count
        if let extended = job.extended, extended.frames > 0 {
            let step = gops.seconds(gops.frameDuration), added = Double(extended.frames) * step
            if extended.edge == .end {
                let start = ranges.last?.end ?? 0
                ranges.append(SpliceResult.FrameRange(source: .answer, firstFrame: frames, lastFrame: frames + extended.frames - 1,
                                                      start: start, end: start + added))
            } else {
                let first = gops.seconds(gops.sortedPts.first ?? 0)
                ranges = [SpliceResult.FrameRange(source: .answer, firstFrame: 0, lastFrame: extended.frames - 1, start: first, end: first + added)]
                    + ranges.map { r in
                        var r = r
                        (r.firstFrame, r.lastFrame, r.start, r.end) = (r.firstFrame + extended.frames, r.lastFrame + extended.frames,
                                                                       r.start + added, r.end + added)
                        return r
                    }
            }
            frames += extended.frames
        }
        ranges = ranges.map { r in
            var r = r
            (r.start, r.end) = (r.start - clockStart, r.end - clockStart)
            return r
        }
        var seams = ranges.dropFirst().map(\.start)
        if audioSplice != nil { seams += job.pieces.flatMap { [$0.section.start - clockStart, $0.section.end - clockStart] } }
        let hdrNote = encoderSpec?.hdr.map { t in
            "the answer's SDR BT.709 pictures were converted to the original's BT.2020 \(t == .hlg ? "HLG (SDR white at 75 % signal, BT.2408)" : "PQ (SDR white at 203 cd/m², BT.2408)") and 10 bits"
        }
        return SpliceResult(ranges: ranges, videoFrames: frames, wholeVideoReencoded: decision.wholeVideo?.description,
                            audio: audioIndex == nil ? nil : audioSplice?.summary ?? "copied",
                            seams: Array(Set(seams)).sorted(), convertedFromSDR: fromAnswer.isEmpty && job.extended == nil ? nil : hdrNote)
    }
}
