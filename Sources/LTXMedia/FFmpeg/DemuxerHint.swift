/// The demuxer a file's first bytes name beyond doubt. Handing it to
/// `avformat_open_input` skips FFmpeg's probe, which runs every demuxer's
/// probe function over the file's start: measurable time, and megabytes of
/// code pages (libopenmpt's among them) touched for nothing. FFmpeg still
/// reads and validates the header; if it refuses, the caller probes as usual.
enum DemuxerHint {
    /// The head length `name(forHead:)` wants: a Matroska DocType sits in
    /// the first few dozen bytes.
    static let headLength = 64

    static func name(forHead head: [UInt8]) -> String? {
        // ISO BMFF: a leading `ftyp` box. FFmpeg's mov probe gives this its
        // top score and no other demuxer claims it.
        if head.count >= 12, head[4] == 0x66, head[5] == 0x74, head[6] == 0x79, head[7] == 0x70 {
            return "mov"
        }
        // EBML with a DocType the matroska demuxer's probe accepts at full score.
        if let docType = MatroskaDocType.read(from: head), docType == "matroska" || docType == "webm" {
            return "matroska"
        }
        return nil
    }
}

extension ContainerFormat {
    /// The container from the first bytes alone, where they settle it: the
    /// `ftyp` major brand (what FFmpeg's mov demuxer exports as
    /// `major_brand`) or the Matroska DocType. Nil for everything else.
    static func identify(head: [UInt8]) -> ContainerFormat? {
        switch DemuxerHint.name(forHead: head) {
        case "mov":
            return identify(demuxer: "mov,mp4,m4a,3gp,3g2,mj2", mp4Brand: String(decoding: head[8..<12], as: UTF8.self),
                            matroskaDocType: nil, firstCodec: nil)
        case "matroska":
            return identify(demuxer: "matroska,webm", mp4Brand: nil, matroskaDocType: MatroskaDocType.read(from: head), firstCodec: nil)
        default:
            return nil
        }
    }
}
