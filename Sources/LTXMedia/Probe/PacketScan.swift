internal import CFFmpeg

/// One pass over a file's packets that serves three needs at once: counting
/// the packets of video streams that have no trustworthy sample table,
/// parsing the first video packets for what the header lacks, and feeding
/// the first AAC frames to a decoder. It reads only the streams it needs and
/// stops as soon as every need is met.
enum PacketScan {
    /// `sniff`: the light path's kind, when the first packets must tell what
    /// the skipped analysis would have. `clock`: an MPEG-TS's timing, taken
    /// from every packet.
    static func run(_ streams: inout ProbedStreams, countVideo: [Int], sniff: LightStreamInfo.Kind?, reveal: AACReveal,
                    clock: TransportStreamClock? = nil, in input: FormatContext) throws(MediaError) {
        var counters: [Int: VideoPacketCounter] = [:]
        for k in countVideo { counters[streams.video[k].info.index] = VideoPacketCounter(position: k) }

        var sniffers: [Int: HeaderSniffer] = [:]
        if let sniff {
            // Every stream, not only those lacking a pixel format: the size
            // the header states is checked against the SPS.
            for (k, video) in streams.video.enumerated() where !video.info.isImage {
                if let s = HeaderSniffer(position: k, stream: video.info.index, in: input, kind: sniff) { sniffers[video.info.index] = s }
            }
        }

        // AAC in an MPEG-TS not analysed states no rate: the first packet's
        // ADTS header does, and only then can the reveal be decided.
        var awaitingADTS: [Int: Int] = [:]
        var revealers: [Int: AACRevealer] = [:]
        for (k, audio) in streams.audio.enumerated() where audio.codec == "aac" {
            if sniff == .transportStream && audio.sampleRate == 0 {
                awaitingADTS[audio.index] = k
            } else if let r = revealer(for: audio, position: k, reveal, in: input) {
                revealers[audio.index] = r
            }
        }
        let clocked = clock?.streams ?? []
        guard !counters.isEmpty || !revealers.isEmpty || !sniffers.isEmpty || !awaitingADTS.isEmpty || !clocked.isEmpty else { return }

        input.keepOnly(streams: Set(counters.keys).union(revealers.keys).union(sniffers.keys).union(awaitingADTS.keys).union(clocked))
        let packet = Packet()
        while try input.readPacket(into: packet) {
            let index = packet.streamIndex
            counters[index]?.record(packet)
            clock?.record(packet)
            if let s = sniffers[index], !s.isDone { s.feed(packet) }
            if let k = awaitingADTS.removeValue(forKey: index) {
                if let header = packet.withBytes({ AACHeader(adts: Array($0.prefix(7))) }) { streams.audio[k].adopt(adts: header) }
                revealers[index] = revealer(for: streams.audio[k], position: k, reveal, in: input)
            }
            if let r = revealers[index], !r.isDone { r.feed(packet) }
            if counters.isEmpty && clocked.isEmpty && awaitingADTS.isEmpty
                && revealers.values.allSatisfy(\.isDone) && sniffers.values.allSatisfy(\.isDone) { break }
        }

        for counter in counters.values {
            streams.video[counter.position].apply(count: counter.count, timestamps: counter.timestamps, method: "packets")
        }
        for s in sniffers.values { s.finish(&streams.video[s.position]) }
        for r in revealers.values { r.finish(&streams.audio[r.position]) }
    }

    /// A decoder for the first AAC frames, where asked and where the header could hide SBR.
    private static func revealer(for audio: AudioStreamInfo, position: Int, _ reveal: AACReveal,
                                 in input: FormatContext) -> AACRevealer? {
        guard reveal == .always || (reveal == .whenHidable && AACRevealer.mayHideSBR(audio)) else { return nil }
        // No decoder, no reveal: the header's profile stands.
        return try? AACRevealer(position: position, stream: audio.index, in: input)
    }
}

/// Packets a decoder turns into frames: not the empty ones (a decoder takes
/// an empty packet as end of stream) and not those marked for discard.
struct VideoPacketCounter {
    let position: Int
    var count = 0
    var timestamps: [Int64] = []

    init(position: Int) { self.position = position }

    mutating func record(_ packet: borrowing Packet) {
        guard packet.size > 0, !packet.isDiscarded else { return }
        count += 1
        if let t = packet.pts ?? packet.dts { timestamps.append(t) }
    }
}
