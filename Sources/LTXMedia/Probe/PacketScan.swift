internal import CFFmpeg

/// One pass over a file's packets that serves three needs at once: counting
/// the packets of video streams that have no trustworthy sample table,
/// parsing the first video packets for what the header lacks, and feeding
/// the first AAC frames to a decoder. It reads only the streams it needs and
/// stops as soon as every need is met.
enum PacketScan {
    static func run(_ streams: inout ProbedStreams, countVideo: [Int], sniffHeaders: Bool, reveal: AACReveal,
                    in input: FormatContext) throws(MediaError) {
        var counters: [Int: VideoPacketCounter] = [:]
        for k in countVideo { counters[streams.video[k].info.index] = VideoPacketCounter(position: k) }

        var sniffers: [Int: HeaderSniffer] = [:]
        if sniffHeaders {
            // Every stream, not only those lacking a pixel format: the size
            // the header states is checked against the SPS.
            for (k, video) in streams.video.enumerated() where !video.info.isImage {
                if let s = HeaderSniffer(position: k, stream: video.info.index, in: input) { sniffers[video.info.index] = s }
            }
        }

        var revealers: [Int: AACRevealer] = [:]
        if reveal != .never {
            for (k, audio) in streams.audio.enumerated() where audio.codec == "aac" && (reveal == .always || AACRevealer.mayHideSBR(audio)) {
                // No decoder, no reveal: the header's profile stands.
                if let r = try? AACRevealer(position: k, stream: audio.index, in: input) { revealers[audio.index] = r }
            }
        }
        guard !counters.isEmpty || !revealers.isEmpty || !sniffers.isEmpty else { return }

        input.keepOnly(streams: Set(counters.keys).union(revealers.keys).union(sniffers.keys))
        let packet = Packet()
        while try input.readPacket(into: packet) {
            let index = packet.streamIndex
            counters[index]?.record(packet)
            if let s = sniffers[index], !s.isDone { s.feed(packet) }
            if let r = revealers[index], !r.isDone { r.feed(packet) }
            if counters.isEmpty && revealers.values.allSatisfy(\.isDone) && sniffers.values.allSatisfy(\.isDone) { break }
        }

        for counter in counters.values {
            streams.video[counter.position].apply(count: counter.count, timestamps: counter.timestamps, method: "packets")
        }
        for s in sniffers.values { s.finish(&streams.video[s.position].info) }
        for r in revealers.values { r.finish(&streams.audio[r.position]) }
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
