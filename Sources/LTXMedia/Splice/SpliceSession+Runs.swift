internal import CFFmpeg

/// Runs: consecutive re-encoded GOPs (or an extension) through one encoder,
/// the decoder's pictures (or the answer's) encoded on the original's
/// timestamps, flushed before the next copied packet.
extension SpliceSession {
    /// A run covers the consecutive re-encoded GOPs from `g` on; with `g`
    /// nil, an extension's pictures alone, after every copied packet.
    func startRun(at g: Int?) throws(MediaError) {
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
                       pts: Set(members.flatMap(\.pts) + lent).subtracting(gops.gops[g].pts.prefix(skip)), keyframes: Set(members.map(\.keyPts)),
                       dts: Array(members.flatMap(\.dts).dropFirst(skip)) + lentDts, maxDelay: maxDelay,
                       frameDuration: gops.frameDuration, form: form)
    }

    /// A GOP wholly inside a section: the pictures before it leave the decoder
    /// first (it restarts at the next keyframe), then the answer's pictures
    /// are encoded on the GOP's timestamps, without decoding its packets.
    func encodeAnswerOnly(_ g: Int) throws(MediaError) {
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

    func drainDecoder() throws(MediaError) {
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
            try run.encode(picture, timestamp: ts, shift: shift, output: output)
        }
    }

    /// The extension's pictures from its answer, into the open run: after
    /// the original's last picture, or on its first timestamps (the original
    /// then moves later by as many frames).
    func encodeExtension(isCancelled: () -> Bool) throws(MediaError) {
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
    func endRun() throws(MediaError) {
        guard run != nil else { return }
        try decoder?.flush()
        try drainDecoder()
        try finishRun()
        decoder?.reset()
    }

    /// The run's encoder flushed; the next copied sample resumes the original's stream.
    func finishRun() throws(MediaError) {
        try run?.finish(output: output)
        run = nil
        resumeAfterRun = true
    }
}
