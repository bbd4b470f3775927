internal import CFFmpeg

/// Decodes the first frames of an AAC stream to see what the header may
/// not say: with implicit signalling an HE-AAC stream declares AAC-LC at
/// half the sample rate, and only the SBR (and PS) data inside the frames
/// reveals it. A decoder that finds SBR outputs 2048 samples per frame at
/// twice the declared rate; one that finds PS turns mono into stereo.
final class AACRevealer {
    let position: Int
    private let decoder: Decoder
    private let frame = Frame()
    private var packetsFed = 0
    private var framesSeen = 0
    private var samplesPerFrame = 0
    private var sampleRate = 0
    private var channels = 0

    /// Implicit SBR is only possible on a core of at most 24 kHz: SBR doubles
    /// the rate and the HE-AAC profiles stop at 48 kHz output (ISO/IEC
    /// 14496-3, 1.6.5). A header that says LC at 32 kHz or more cannot be
    /// hiding HE-AAC, so such a stream is not decoded.
    static func mayHideSBR(_ audio: AudioStreamInfo) -> Bool {
        audio.declaredProfile != "LC" || audio.sampleRate <= 24000 || audio.sampleRate == 0
    }

    /// Enough frames for the decoder to have met the SBR/PS extension.
    private static let framesNeeded = 3
    private static let packetLimit = 32

    init(position: Int, stream: Int, in input: FormatContext) throws(MediaError) {
        self.position = position
        decoder = try input.withStream(stream) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: input.path)
        }
    }

    var isDone: Bool { framesSeen >= Self.framesNeeded || packetsFed >= Self.packetLimit }

    func feed(_ packet: borrowing Packet) {
        packetsFed += 1
        // A damaged frame is not a reason to fail the probe: skip it.
        guard (try? decoder.send(packet)) != nil else { return }
        while (try? decoder.receive(into: frame)) == true {
            framesSeen += 1
            samplesPerFrame = max(samplesPerFrame, frame.sampleCount)
            sampleRate = frame.sampleRate
            channels = frame.channelCount
            frame.unref()
        }
    }

    func finish(_ info: inout AudioStreamInfo) {
        guard framesSeen > 0 else { return }
        info.decodedSampleRate = sampleRate
        info.decodedChannels = channels
        info.samplesPerFrame = samplesPerFrame
        let byDecoder = AACProfile(name: StreamReader.profileName(AV_CODEC_ID_AAC, decoder.profile))
        let bySamples: AACProfile? = samplesPerFrame >= 2048
            ? (channels == 2 && info.channels == 1 ? .heV2 : .he)
            : nil
        let revealed: AACProfile? = switch (byDecoder, bySamples) {
        case (.heV2, _), (_, .heV2): .heV2
        case (.he, _), (_, .he): .he
        default: nil
        }
        // What the decoder settled on; SBR/PS evidence overrides a header's LC.
        let decoded = revealed ?? (byDecoder == .unknown ? nil : byDecoder)
        if let decoded { info.profile = decoded.rawValue }
        if info.profile != nil { info.profileSource = "decoded" }
    }
}
