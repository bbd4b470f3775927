internal import CFFmpeg

/// A splice's video stream in the output: the original's packets copied
/// under one configuration record that holds the original's parameter sets
/// and the encoder's (H.264 `avcC`, HEVC `hvcC` under ids of their own), or
/// the encoder's own stream when the whole video is encoded again; with the
/// encoder that writes the runs.
struct SpliceVideoTrack {
    let outIndex: Int
    /// How re-encoded runs become samples beside the copied GOPs; nil when the
    /// encoder owns the whole track.
    let form: SampleForm?
    /// The encoder a run opens; nil when nothing is encoded.
    let encoder: MatchingEncoder?
    /// The encoder opened to learn the track's parameters, kept for the first run.
    let spare: Encoder?

    /// The track for `decision`, from the original's stream `st`; `needsEncoder`:
    /// some GOP is encoded again or an extension added.
    init(_ source: SpliceVideoSource, decision: SpliceDecision, needsEncoder: Bool, stream st: UnsafeMutablePointer<AVStream>,
         output: OutputContext, job: SpliceJob) throws(MediaError) {
        guard needsEncoder else {
            self.init(outIndex: try output.addCopiedStream(of: st), form: nil, encoder: nil, spare: nil)
            return
        }
        if decision.strategy == .gops, let avc = source.avc {
            self = try Self.besideAVC(avc, stream: st, output: output, job: job)
        } else if decision.strategy == .gops, let hevc = source.hevc, let ids = source.hevcIDs {
            self = try Self.besideHEVC(hevc, ids: ids, extradata: source.extradata, setsInBand: decision.setsInBand, stream: st, output: output, job: job)
        } else {
            let matching = MatchingEncoder(stream: st, crf: job.crf, preset: job.preset, parameterSetID: nil, bFrames: true)
            let encoder = try matching.open(for: output)
            let out = try output.addStream(for: encoder) { out in cffmpeg_copy_display_matrix(st, out) }
            self.init(outIndex: out, form: nil, encoder: matching, spare: encoder)
        }
    }

    private init(outIndex: Int, form: SampleForm?, encoder: MatchingEncoder?, spare: Encoder?) {
        self.outIndex = outIndex
        self.form = form
        self.encoder = encoder
        self.spare = spare
    }

    /// H.264: the encoder's SPS/PPS under an id the original's do not take, both in one `avcC`.
    private static func besideAVC(_ original: AVCConfiguration, stream st: UnsafeMutablePointer<AVStream>, output: OutputContext,
                                  job: SpliceJob) throws(MediaError) -> SpliceVideoTrack {
        let taken = original.sequenceParameterSetIDs.union(original.pictureParameterSets.compactMap {
            AVCConfiguration.firstExpGolomb(in: $0, skippingBytes: 1)
        })
        let id = (1...31).first { !taken.contains($0) } ?? 31
        let matching = MatchingEncoder(stream: st, crf: job.crf, preset: job.preset, parameterSetID: id, bFrames: false)
        // An encoder opened to read its parameter sets, for the track's avcC.
        let probe = try matching.open(for: output)
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
        let out = try output.addCopiedStream(of: st, extradata: merged.bytes)
        return SpliceVideoTrack(outIndex: out, form: .avc(merged), encoder: matching, spare: probe)
    }

    /// HEVC: libx265's VPS/SPS/PPS moved onto ids of their own, beside the
    /// original's in one `hvcC`; an `hev1` original's copied samples keep theirs in band.
    private static func besideHEVC(_ hevc: HEVCConfiguration, ids: HEVCParameterSetIDs, extradata: [UInt8], setsInBand: Bool,
                                   stream st: UnsafeMutablePointer<AVStream>, output: OutputContext,
                                   job: SpliceJob) throws(MediaError) -> SpliceVideoTrack {
        let matching = MatchingEncoder(stream: st, crf: job.crf, preset: job.preset, parameterSetID: nil, bFrames: false)
        // An encoder opened to read its parameter sets, for the track's hvcC under ids of their own.
        let probe = try matching.open(for: output)
        let sets = HEVCConfiguration.parameterSets(annexB: probe.extradata)
        let moved = sets.compactMap(ids.rewrite)
        guard sets.count >= 3, moved.count == sets.count,
              let merged = HEVCConfiguration.adding(moved, to: extradata, complete: !setsInBand) else {
            throw MediaError(kind: .unsupported, path: job.original, message: "libx265 gave no parameter sets to splice with")
        }
        let out = try output.addCopiedStream(of: st, extradata: merged, inBandParameterSets: setsInBand)
        return SpliceVideoTrack(outIndex: out, form: .hevc(hevc, ids: ids), encoder: matching, spare: probe)
    }
}
