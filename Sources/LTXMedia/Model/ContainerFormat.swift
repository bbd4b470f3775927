/// A container as the API (and a MIME type) sees it. FFmpeg's demuxer name
/// alone does not separate MP4 from MOV nor Matroska from WebM, so the probe
/// also reads the MP4 brand and the Matroska DocType.
public enum ContainerFormat: String, Sendable, Codable, CaseIterable {
    case mp4, mov, m4a, threeGP = "3gp", mkv, webm, avi, mpegts = "mpeg-ts", mpegps = "mpeg-ps", flv
    case wav, mp3, adts = "aac-adts", ogg, flac
    case png, jpeg, webp, bmp, gif, tiff
    case other

    public var displayName: String {
        switch self {
        case .mp4: "MP4"
        case .mov: "MOV"
        case .m4a: "M4A"
        case .threeGP: "3GP"
        case .mkv: "MKV"
        case .webm: "WebM"
        case .avi: "AVI"
        case .mpegts: "MPEG-TS"
        case .mpegps: "MPEG-PS"
        case .flv: "FLV"
        case .wav: "WAV"
        case .mp3: "MP3"
        case .adts: "AAC (ADTS)"
        case .ogg: "OGG"
        case .flac: "FLAC"
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WEBP"
        case .bmp: "BMP"
        case .gif: "GIF"
        case .tiff: "TIFF"
        case .other: "other"
        }
    }

    /// The MIME type a server would give this container.
    public var mimeType: String {
        switch self {
        case .mp4: "video/mp4"
        case .mov: "video/quicktime"
        case .m4a: "audio/mp4"
        case .threeGP: "video/3gpp"
        case .mkv: "video/x-matroska"
        case .webm: "video/webm"
        case .avi: "video/x-msvideo"
        case .mpegts: "video/mp2t"
        case .mpegps: "video/mpeg"
        case .flv: "video/x-flv"
        case .wav: "audio/wav"
        case .mp3: "audio/mpeg"
        case .adts: "audio/aac"
        case .ogg: "audio/ogg"
        case .flac: "audio/flac"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        case .bmp: "image/bmp"
        case .gif: "image/gif"
        case .tiff: "image/tiff"
        case .other: "application/octet-stream"
        }
    }

    /// Identifies the container from FFmpeg's demuxer name plus, where the
    /// name is ambiguous, the MP4 major brand or the Matroska DocType.
    static func identify(demuxer: String, mp4Brand: String?, matroskaDocType: String?, firstCodec: String?) -> ContainerFormat {
        switch demuxer {
        case "mov,mp4,m4a,3gp,3g2,mj2":
            let brand = mp4Brand.map(normalizedBrand)
            switch brand {
            case "qt": return .mov
            case "m4a", "m4b", "m4p": return .m4a
            case let b? where b.hasPrefix("3g"): return .threeGP
            // QuickTime files from before ftyp have no brand at all.
            case nil, "": return .mov
            default: return .mp4
            }
        case "matroska,webm":
            return matroskaDocType == "webm" ? .webm : .mkv
        case "avi": return .avi
        case "mpegts": return .mpegts
        case "mpeg": return .mpegps
        case "flv": return .flv
        case "wav", "w64": return .wav
        case "mp3": return .mp3
        case "aac": return .adts
        case "ogg": return .ogg
        case "flac": return .flac
        case "png_pipe", "apng": return .png
        case "jpeg_pipe", "jpegls_pipe": return .jpeg
        case "webp_pipe": return .webp
        case "bmp_pipe": return .bmp
        case "gif", "gif_pipe": return .gif
        case "tiff_pipe": return .tiff
        // The image2 demuxer picks by file extension; the codec says what it is.
        case "image2":
            switch firstCodec {
            case "png": return .png
            case "mjpeg": return .jpeg
            case "webp": return .webp
            case "bmp": return .bmp
            case "gif": return .gif
            case "tiff": return .tiff
            default: return .other
            }
        default: return .other
        }
    }
}

/// MP4 brands are four characters padded with spaces (`qt  `, `M4A `).
private func normalizedBrand(_ brand: String) -> String {
    String(brand.filter { $0 != " " && $0 != "\0" }).lowercased()
}
