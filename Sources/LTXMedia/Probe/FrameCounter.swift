internal import CFFmpeg

/// Counts the frames a decoder would output, without decoding.
///
/// MP4/MOV: the demuxer has already built the full sample table and applied
/// the edit list, marking samples a decoder needs but must not output with
/// `AVINDEX_DISCARD_FRAME`; counting the other entries costs no I/O.
/// Every other container: one packet scan of that stream (see `PacketScan`).
enum FrameCounter {
    /// Fills in what the sample table tells. Returns the positions in
    /// `streams.video` it could not settle, for a packet scan.
    static func countFromIndex(_ streams: inout ProbedStreams, in input: FormatContext, fileSize: Int64) throws(MediaError) -> [Int] {
        var unsettled: [Int] = []
        let hasSampleTable = input.demuxerName.hasPrefix("mov,")
        for k in streams.video.indices {
            if streams.video[k].info.frameCountMethod == "still" {
                streams.video[k].info.frameCount = 1
                continue
            }
            guard hasSampleTable, let table = try sampleTable(of: streams.video[k].info.index, in: input, fileSize: fileSize) else {
                unsettled.append(k)
                continue
            }
            streams.video[k].apply(count: table.count, timestamps: table.timestamps, method: "index")
        }
        return unsettled
    }

    private static func sampleTable(of index: Int, in input: FormatContext, fileSize: Int64) throws(MediaError) -> (count: Int, timestamps: [Int64])? {
        let path = input.path
        return try input.withStream(index) { st throws(MediaError) -> (count: Int, timestamps: [Int64])? in
            let n = Int(avformat_index_get_entries_count(st))
            guard n > 0 else { return nil }
            // Timing comes from every sample's DTS, decoded-only ones too:
            // skipping them would leave irregular gaps in a regular stream.
            var timestamps: [Int64] = []
            timestamps.reserveCapacity(n)
            var count = 0
            var dataEnd: Int64 = 0
            for i in 0..<n {
                guard let entry = avformat_index_get_entry(st, Int32(i)) else { return nil }
                dataEnd = max(dataEnd, cffmpeg_index_entry_end(entry))
                timestamps.append(cffmpeg_index_entry_timestamp(entry))
                if cffmpeg_index_entry_flags(entry) & AVINDEX_DISCARD_FRAME == 0 { count += 1 }
            }
            // A sample table pointing past the end of the file means the
            // file was cut short: a decoder would output fewer frames.
            if dataEnd > fileSize {
                throw MediaError(kind: .truncated, path: path,
                                 message: "truncated: the sample table needs \(dataEnd) bytes but the file has \(fileSize)")
            }
            return (count, timestamps)
        }
    }
}

extension PendingVideo {
    /// Sets the count, and the frame-rate regularity and duration that the
    /// stream's timestamps tell.
    mutating func apply(count: Int, timestamps: [Int64], method: String) {
        info.frameCount = count
        info.frameCountMethod = method
        let sorted = timestamps.sorted()
        info.variableFrameRate = FrameTiming.isVariable(sorted)
        if info.duration == nil, let first = sorted.first, let last = sorted.last, count > 1 {
            // Span of the timestamps plus one typical frame.
            let typical = (last - first) / Int64(count - 1)
            info.duration = FFmpegTime.seconds(last - first + typical, timeBase)
        }
    }
}

enum FrameTiming {
    /// True when frame durations differ by more than timestamp rounding
    /// (a 24 fps stream in Matroska's 1 ms ticks alternates 41 and 42).
    static func isVariable(_ sorted: [Int64]) -> Bool {
        guard sorted.count >= 3 else { return false }
        var lo = Int64.max, hi = Int64.min
        for i in 1..<sorted.count {
            let d = sorted[i] - sorted[i - 1]
            guard d > 0 else { continue }
            lo = min(lo, d)
            hi = max(hi, d)
        }
        guard lo != Int64.max else { return false }
        return hi - lo > 1 && Double(hi) > Double(lo) * 1.02
    }
}
