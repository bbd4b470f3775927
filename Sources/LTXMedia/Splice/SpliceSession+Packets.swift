internal import CFFmpeg

/// The original's video packets, one by one: copied, fed to the decoder as
/// a reference, or taken into a run; an answer's picture in place of a
/// section's.
extension SpliceSession {
    func takeVideo(_ packet: borrowing Packet) throws(MediaError) {
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
    func takeLeading(_ packet: borrowing Packet, of g: Int, position: Int) throws(MediaError) -> Bool {
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

    /// A copied video packet, shifted when an extension comes first; after an
    /// HEVC run, its CRA made a BLA.
    func writeCopied(_ packet: borrowing Packet) throws(MediaError) {
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

    /// The section that holds `t` (seconds in the original), when the video is replaced.
    static func piece(at t: Double, in job: SpliceJob) -> Int? {
        guard job.replaceVideo else { return nil }
        return job.pieces.firstIndex { $0.section.start <= t + 1e-9 && t < $0.section.end - 1e-9 }
    }

    /// The answer's picture for `ts` (in the original's time base), when `ts` is in a section.
    func answerPicture(at ts: Int64) throws(MediaError) -> UnsafeMutablePointer<AVFrame>? {
        let t = gops.seconds(ts)
        guard let i = Self.piece(at: t, in: job), let spec = encoderSpec else { return nil }
        let piece = job.pieces[i]
        if answers[i] == nil {
            answers[i] = try AnswerPictures(path: piece.answer, width: spec.width, height: spec.height, format: spec.pixelFormat, rotation: rotation,
                                            hdr: spec.hdr)
        }
        return try answers[i]?.picture(at: t - piece.answerStart)
    }
}
