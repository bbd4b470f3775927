import LTXContract
import LTXMedia

/// audio-to-video's `audio_uri`.
extension FixPlanner {
    static func planAudio(_ r: CheckReport, _ options: FixOptions) -> Result<FixPlan, FixPlanError> {
        guard let a = r.media.primaryAudio else {
            return .success(FixPlan(output: .unchanged, operations: [], video: .drop, audio: .drop))
        }
        let duration = a.duration ?? r.media.duration ?? 0
        var ops: [FixOperation] = []
        var encoding = AudioEncoding()
        var window: TimeWindow?
        var encode = [RuleID.audioCodec, .aacProfile].contains { error(r, $0) != nil }
        if encode {
            ops.append(FixOperation(action: .transcodeAudio, detail: "transcode \(a.profile.map { "\(a.codec) \($0)" } ?? a.codec) to AAC-LC in M4A",
                                    rules: [.audioCodec, .aacProfile].filter { error(r, $0) != nil }))
        }
        let least = APILimits.audioDuration.lowerBound, most = max(least, options.maxAudioSeconds ?? APILimits.audioDuration.upperBound)
        if let start = options.audioStart {
            guard start.isFinite, start >= 0, duration - start >= least else {
                return .failure(.audioStartOutOfRange("an audio start of \(Format.seconds(start)) leaves \(Format.seconds(max(0, duration - start))) of the \(Format.seconds(duration)) audio; audio-to-video needs at least \(Format.seconds(least))"))
            }
        }
        let start = options.audioStart ?? 0
        if start > 0 || duration > most {
            // Cut to the sample from `start`: which part is kept is said, never silent.
            encode = true
            window = TimeWindow(start: start, duration: min(most, duration - start))
            let end = start + window!.duration
            let which = options.audioStart == nil ? " (the first \(Format.seconds(most)); --audio-start picks another part)" : ""
            ops.append(FixOperation(action: .trimAudio,
                                    detail: "keep \(Format.seconds(start)) to \(Format.seconds(end)) of the \(Format.seconds(duration)) audio\(which)",
                                    rules: duration > most ? [.audioDuration] : []))
        } else if error(r, .audioDuration) != nil, duration < least {
            encode = true
            encoding.minDuration = least
            ops.append(FixOperation(action: .trimAudio, detail: "pad with silence to \(Format.seconds(least))", rules: [.audioDuration]))
        }
        if error(r, .container) != nil && !encode {
            let lc = a.codec == "aac" && a.aacProfile == .lc
            if lc {
                ops.append(FixOperation(action: .extractAudio, detail: "extract the AAC-LC audio to M4A (stream copy)", rules: [.container]))
            } else {
                encode = true
                ops.append(FixOperation(action: .transcodeAudio, detail: "transcode \(a.codec) to AAC-LC in M4A", rules: [.container]))
            }
        }
        if error(r, .deliverySize) != nil {
            let bytes = Double(Delivery.fileBytes(fitting: r.sizeLimit(for: .audio), mimeType: "audio/mp4")) * 0.9
            encoding.bitRate = max(32_000, Int(bytes * 8 / max(window?.duration ?? duration, 0.1)))
            encode = true
            ops.append(FixOperation(action: .recompress, detail: "re-encode at \(encoding.bitRate! / 1000) kb/s", rules: [.deliverySize]))
        }
        if ops.isEmpty { return .success(FixPlan(output: .unchanged, operations: [], video: .drop, audio: .copy)) }
        return .success(FixPlan(output: .m4a, operations: ops, video: .drop, audio: encode ? .encode(encoding) : .copy, window: window))
    }
}
