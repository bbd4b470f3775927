internal import CFFmpeg

/// The video stream's packets, read once without decoding, grouped into
/// GOPs: a keyframe and the packets after it in decode order, up to the next
/// keyframe. A splice copies or re-encodes whole GOPs.
struct GOPIndex {
    struct GOP {
        /// Packet numbers in decode order: [first, end).
        var packets: Range<Int>
        /// Presentation times of its pictures, in the stream's time base.
        var pts: [Int64]
        /// Decode times, in decode order.
        var dts: [Int64]
        /// Its keyframe's presentation time.
        var keyPts: Int64
        /// Leading pictures (shown before the keyframe) refer to the GOP
        /// before it: re-encoding that one means re-encoding this one too.
        var isOpen: Bool { pts.contains { $0 < keyPts } }
        /// Its leading pictures, in decode order: how many, and their decode positions.
        var leading: [Int] { pts.indices.filter { pts[$0] < keyPts } }
    }

    var gops: [GOP] = []
    /// Every picture's presentation time, sorted: the display order.
    var sortedPts: [Int64] = []
    let timeBase: AVRational
    /// The usual frame duration, in the time base.
    let frameDuration: Int64
    /// How far a decode time trails its picture's place in display order
    /// (the B-frame delay), at most.
    var maxDelay: Int64 {
        max(0, gops.flatMap { gop in zip(gop.pts.sorted(), gop.dts).map { $0 - $1 } }.max() ?? 0)
    }
    /// False when a packet had no timestamp: the GOPs cannot be trusted.
    private(set) var complete = true

    /// GOPs as given (a plan's tests), not read from a file, on a time base of 1/`ticksPerSecond`.
    init(gops: [GOP], ticksPerSecond: Int32, frameDuration: Int64) {
        self.gops = gops
        timeBase = AVRational(num: 1, den: ticksPerSecond)
        self.frameDuration = frameDuration
        sortedPts = gops.flatMap(\.pts).sorted()
    }

    init(_ input: FormatContext, stream: Int) throws(MediaError) {
        input.keepOnly(streams: [stream])
        (timeBase, frameDuration) = input.withStream(stream) { st in
            let rate = StreamFrameRate.of(st)
            return (st.pointee.time_base, max(1, av_rescale_q(1, AVRational(num: rate.den, den: rate.num), st.pointee.time_base)))
        }
        let packet = Packet()
        var count = 0
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == stream else { continue }
            guard let pts = packet.pts, let dts = packet.dts ?? packet.pts else {
                complete = false
                count += 1
                continue
            }
            if packet.isKeyframe || gops.isEmpty {
                gops.append(GOP(packets: count..<count, pts: [], dts: [], keyPts: pts))
            }
            gops[gops.count - 1].packets = gops[gops.count - 1].packets.lowerBound..<(count + 1)
            gops[gops.count - 1].pts.append(pts)
            gops[gops.count - 1].dts.append(dts)
            count += 1
        }
        sortedPts = gops.flatMap(\.pts).sorted()
    }

    func seconds(_ ts: Int64) -> Double { FFmpegTime.seconds(ts, timeBase) ?? 0 }

    /// The GOP each packet number belongs to.
    func gop(ofPacket n: Int) -> Int? {
        var lo = 0, hi = gops.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if gops[mid].packets.upperBound <= n { lo = mid + 1 } else if gops[mid].packets.lowerBound > n { hi = mid - 1 } else { return mid }
        }
        return nil
    }

    /// How many of GOP `g`'s first packets, in decode order, can be copied
    /// before a cut at `cut`: a decode-order prefix decodes on its own (a
    /// picture refers only to pictures decoded before it), and is copyable
    /// when it shows exactly the GOP's first pictures, all before `cut`. So
    /// the re-encoding starts at the section, not at the keyframe before it.
    /// 0 when not even the keyframe qualifies (an open GOP's leading pictures).
    func copyablePrefix(of g: Int, before cut: Int64) -> Int {
        let pts = gops[g].pts
        let sorted = pts.sorted()
        var best = 0
        var highest = Int64.min
        for k in 0..<pts.count {
            highest = max(highest, pts[k])
            guard highest < cut else { break }
            if highest == sorted[k] { best = k + 1 }
        }
        return best
    }

    /// The GOPs whose pictures overlap any of `spans` (seconds), plus (with
    /// `followingOpen`) an open GOP right after a chosen one, whose leading
    /// pictures refer to it.
    func overlapping(_ spans: [TimeWindow], followingOpen: Bool = true) -> Set<Int> {
        var chosen = Set<Int>()
        for (i, g) in gops.enumerated() {
            let start = seconds(g.pts.min() ?? g.keyPts)
            let end = seconds((g.pts.max() ?? g.keyPts) + frameDuration)
            if spans.contains(where: { $0.start < end - 1e-9 && $0.end > start + 1e-9 }) { chosen.insert(i) }
        }
        var i = 0
        while followingOpen && i < gops.count - 1 {
            if chosen.contains(i), !chosen.contains(i + 1), gops[i + 1].isOpen { chosen.insert(i + 1) }
            i += 1
        }
        return chosen
    }
}
