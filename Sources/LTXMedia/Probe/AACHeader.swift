internal import CFFmpeg

/// What an AAC stream's own header declares, read from its bytes: the
/// AudioSpecificConfig (MP4 esds, Matroska CodecPrivate) or the first ADTS
/// frame header. FFmpeg overwrites these fields once it has decoded a frame,
/// which hides implicit SBR/PS signalling; this keeps the header's word.
struct AACHeader: Equatable {
    var objectType: Int
    var sampleRate: Int?
    var channels: Int?

    var profileName: String? {
        switch objectType {
        case 1: "Main"
        case 2: "LC"
        case 3: "SSR"
        case 4: "LTP"
        case 5: "HE-AAC"
        case 29: "HE-AACv2"
        case 23: "LD"
        case 39: "ELD"
        default: nil
        }
    }

    private static let sampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350]

    /// ISO 14496-3 AudioSpecificConfig: 5-bit object type (31 escapes to
    /// 32 + 6 bits), 4-bit sampling frequency index, 4-bit channel config.
    init?(audioSpecificConfig b: [UInt8]) {
        guard b.count >= 2 else { return nil }
        var reader = BitReader(b)
        var aot = reader.read(5)
        if aot == 31 { aot = 32 + reader.read(6) }
        let srIndex = reader.read(4)
        let rate = srIndex == 15 ? reader.read(24) : (srIndex < Self.sampleRates.count ? Self.sampleRates[srIndex] : nil)
        let channels = reader.read(4)
        guard !reader.overran else { return nil }
        self.init(objectType: aot, sampleRate: rate, channels: channels > 0 ? channels : nil)
    }

    /// ADTS fixed header: 12-bit sync, 2-bit profile (object type - 1),
    /// 4-bit sampling frequency index, 3-bit channel config.
    init?(adts b: [UInt8]) {
        guard b.count >= 7, b[0] == 0xFF, b[1] & 0xF0 == 0xF0 else { return nil }
        var reader = BitReader(Array(b[2...]))
        let profile = reader.read(2)
        let srIndex = reader.read(4)
        _ = reader.read(1)
        let channels = reader.read(3)
        self.init(objectType: profile + 1, sampleRate: srIndex < Self.sampleRates.count ? Self.sampleRates[srIndex] : nil,
                  channels: channels > 0 ? channels : nil)
    }

    init(objectType: Int, sampleRate: Int?, channels: Int?) {
        self.objectType = objectType
        self.sampleRate = sampleRate
        self.channels = channels
    }
}

extension AudioStreamInfo {
    /// Takes what an ADTS header declares, for a stream whose container
    /// said nothing (MPEG-TS before analysis): rate, channels, profile, and
    /// the default layout for that many channels, which is what FFmpeg's AAC
    /// decoder gives mono and stereo (`TransportStreamClock` trusts no more).
    mutating func adopt(adts header: AACHeader) {
        sampleRate = header.sampleRate ?? 0
        channels = header.channels ?? 0
        declaredProfile = header.profileName
        profile = header.profileName
        profileSource = profile == nil ? nil : "header"
        var layout = AVChannelLayout()
        av_channel_layout_default(&layout, Int32(channels))
        channelLayout = channels > 0 ? StreamReader.layoutName(&layout) : nil
        av_channel_layout_uninit(&layout)
    }
}

/// Big-endian bit reader over a byte array.
struct BitReader {
    private let bytes: [UInt8]
    private(set) var position = 0
    private(set) var overran = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(_ count: Int) -> Int {
        var value = 0
        for _ in 0..<count {
            guard position / 8 < bytes.count else { overran = true; return value }
            let bit = (bytes[position / 8] >> (7 - UInt8(position % 8))) & 1
            value = value << 1 | Int(bit)
            position += 1
        }
        return value
    }
}
