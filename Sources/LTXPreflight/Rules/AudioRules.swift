import LTXMedia

/// Audio: `/v1/audio-to-video` `audio_uri`, and the audio tracks of a video.
enum AudioRules {
    /// Accepted codecs per audio container (Input Formats, Audio).
    static let codecsByContainer: [ContainerFormat: [String]] = [
        .wav: ["aac", "mp3", "opus", "vorbis", "flac"],
        .mp3: ["mp3"],
        .m4a: ["aac"],
        .ogg: ["opus", "vorbis"],
    ]
    static let acceptedCodecs: Set<String> = ["aac", "mp3", "opus", "vorbis", "flac"]
    static let codecNames = ["aac": "AAC-LC", "mp3": "MP3", "opus": "Opus", "vorbis": "Vorbis", "flac": "FLAC"]

    static func evaluate(_ m: MediaInfo, maxSeconds: Double? = nil) -> [Finding] {
        guard let a = m.primaryAudio else {
            return [Finding(rule: .audioStream, severity: .error, actual: m.kind.rawValue + ", no audio", required: "an audio stream",
                            fix: "none: audio-to-video needs audio, and this file has none", fixAction: .unfixable)]
        }
        var findings = [Finding.pass(.audioStream, actual: a.codec, required: "an audio stream")]
        let container = audioContainer(m)
        findings.append(containerRule(m, container: container, audio: a))
        findings.append(codecRule(a, allowed: container.flatMap { codecsByContainer[$0] }))
        if a.codec == "aac" { findings.append(profileRule(a)) }
        findings.append(durationRule(a.duration ?? m.duration ?? 0, most: maxSeconds ?? APILimits.audioDuration.upperBound))
        return findings
    }

    /// Codecs the API takes in audio files but that a video's track should
    /// not carry: MP4 players and the API's video decoders expect AAC.
    static let rewrittenInVideo: Set<String> = ["opus", "vorbis", "flac"]

    /// Each audio track inside a video: accepted codec, AAC-LC, no PCM; a
    /// warning for the audio-file codecs (`rewrittenInVideo`).
    static func tracksInVideo(_ m: MediaInfo) -> [Finding] {
        m.audio.flatMap { a -> [Finding] in
            var f = [codecRule(a, allowed: nil)]
            if a.codec == "aac" { f.append(profileRule(a)) }
            if rewrittenInVideo.contains(a.codec) {
                f.append(Finding(rule: .audioInVideo, severity: .warning, actual: "\(codecNames[a.codec] ?? a.codec) in a video",
                                 required: "AAC-LC (the docs list \(codecNames[a.codec] ?? a.codec) for audio files only)",
                                 fix: "transcode the audio to AAC-LC (video stream copied); fix does when it rewrites the video",
                                 fixAction: .transcodeAudio))
            }
            return f
        }
    }

    /// An MP4 with sound alone is `audio/mp4`, the same as M4A.
    private static func audioContainer(_ m: MediaInfo) -> ContainerFormat? {
        if m.container == .mp4 && m.video.isEmpty { return .m4a }
        return codecsByContainer[m.container] != nil ? m.container : nil
    }

    private static func containerRule(_ m: MediaInfo, container: ContainerFormat?, audio a: AudioStreamInfo) -> Finding {
        let required = "WAV, MP3, M4A or OGG"
        if let container { return .pass(.container, actual: container.displayName, required: required) }
        let actual = VideoRules.containerName(m) + (m.video.isEmpty ? "" : " with video")
        if a.codec == "aac" && a.aacProfile == .lc || a.codec == "mp3" {
            return Finding(rule: .container, severity: .error, actual: actual, required: required,
                           fix: "extract the audio to \(a.codec == "mp3" ? "MP3" : "M4A") (stream copy, no quality loss)",
                           fixAction: .extractAudio)
        }
        return Finding(rule: .container, severity: .error, actual: actual, required: required,
                       fix: "transcode the audio to AAC-LC in M4A", fixAction: .transcodeAudio)
    }

    private static func codecRule(_ a: AudioStreamInfo, allowed: [String]?) -> Finding {
        let list = allowed ?? ["aac", "mp3", "opus", "vorbis", "flac"]
        let required = Format.list(list.map { codecNames[$0] ?? $0 }) + ", not PCM"
        let actual = a.isPCM ? "PCM (\(a.codec))" : a.codec
        if list.contains(a.codec) { return .pass(.audioCodec, actual: actual, required: required) }
        return Finding(rule: .audioCodec, severity: .error, actual: actual, required: required,
                       fix: "transcode the audio to AAC-LC" + (allowed == nil ? " (video stream copied)" : ""),
                       fixAction: .transcodeAudio)
    }

    private static func profileRule(_ a: AudioStreamInfo) -> Finding {
        let required = "AAC-LC (1024 samples per frame)"
        var actual = a.profile ?? "unknown"
        if a.aacProfile == .lc { actual = "LC" }
        if let declared = a.declaredProfile, declared != a.profile {
            actual += " (header declares \(declared); decoding shows \(a.samplesPerFrame ?? 0) samples per frame"
                + (a.decodedSampleRate.map { " at \($0) Hz" } ?? "") + ")"
        } else if let spf = a.samplesPerFrame {
            actual += " (\(spf) samples per frame)"
        }
        if a.aacProfile == .lc { return .pass(.aacProfile, actual: actual, required: required) }
        return Finding(rule: .aacProfile, severity: .error, actual: actual, required: required,
                       fix: "transcode the audio to AAC-LC", fixAction: .transcodeAudio)
    }

    private static func durationRule(_ d: Double, most: Double) -> Finding {
        let range = APILimits.audioDuration.lowerBound...max(APILimits.audioDuration.lowerBound, most)
        let required = "\(Format.seconds(range.lowerBound)) to \(Format.seconds(range.upperBound))"
        if range.contains(d) { return .pass(.audioDuration, actual: Format.seconds(d), required: required) }
        let fix = d < range.lowerBound
            ? "pad with silence to \(Format.seconds(range.lowerBound))"
            : "cut to \(Format.seconds(range.upperBound))"
        return Finding(rule: .audioDuration, severity: .error, actual: Format.seconds(d), required: required,
                       fix: fix, fixAction: .trimAudio)
    }
}
