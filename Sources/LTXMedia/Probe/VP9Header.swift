internal import CFFmpeg

/// What a VP9 key frame's uncompressed header declares (VP9 bitstream
/// specification, 6.2): profile, bit depth, chroma subsampling, size. It is
/// what a decoder would report, read from a few bytes without decoding, so a
/// VP9 WebM needs no `avformat_find_stream_info` (FFmpeg 5.1's VP9 parser
/// reads only the profile).
struct VP9Header: Equatable {
    var profile: Int32
    var bitDepth: Int
    var pixelFormat: AVPixelFormat
    var width: Int32
    var height: Int32

    /// FFmpeg's name of `pixelFormat` (yuv420p, yuv420p10le...).
    var pixelFormatName: String? { av_get_pix_fmt_name(pixelFormat).map { String(cString: $0) } }

    /// Nil unless `bytes` start with a shown or hidden key frame (a
    /// superframe's first frame is at its start too).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        // The fields needed end within the first 10 bytes.
        var bits = BitReader(Array(bytes.prefix(16)))
        guard bits.read(2) == 2 else { return nil }  // frame_marker
        let low = bits.read(1), high = bits.read(1)
        let profile = Int32(high << 1 | low)
        if profile == 3 { guard bits.read(1) == 0 else { return nil } }
        guard bits.read(1) == 0 else { return nil }  // show_existing_frame
        guard bits.read(1) == 0 else { return nil }  // frame_type: 0 is KEY_FRAME
        _ = bits.read(2)                             // show_frame, error_resilient_mode
        guard bits.read(8) == 0x49, bits.read(8) == 0x83, bits.read(8) == 0x42 else { return nil }
        let depth = profile >= 2 ? (bits.read(1) == 1 ? 12 : 10) : 8
        let colorSpace = bits.read(3)
        var subsamplingX = 1, subsamplingY = 1
        if colorSpace != 7 {  // not CS_RGB
            _ = bits.read(1)  // color_range
            if profile == 1 || profile == 3 {
                subsamplingX = bits.read(1)
                subsamplingY = bits.read(1)
                _ = bits.read(1)
            }
        } else {
            subsamplingX = 0
            subsamplingY = 0
            if profile == 1 || profile == 3 { _ = bits.read(1) }
        }
        let width = bits.read(16) + 1, height = bits.read(16) + 1
        guard !bits.overran else { return nil }
        guard let format = Self.format(rgb: colorSpace == 7, subsamplingX: subsamplingX, subsamplingY: subsamplingY, depth: depth) else {
            return nil
        }
        self.profile = profile
        self.bitDepth = depth
        self.pixelFormat = format
        self.width = Int32(width)
        self.height = Int32(height)
    }

    /// The format FFmpeg's VP9 decoder outputs for these (vp9.c,
    /// read_colorspace_details), in the little-endian forms it uses here.
    private static func format(rgb: Bool, subsamplingX: Int, subsamplingY: Int, depth: Int) -> AVPixelFormat? {
        let row: [AVPixelFormat]  // 8, 10, 12 bits
        switch (rgb, subsamplingX, subsamplingY) {
        case (true, _, _): row = [AV_PIX_FMT_GBRP, AV_PIX_FMT_GBRP10LE, AV_PIX_FMT_GBRP12LE]
        case (false, 1, 1): row = [AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_YUV420P12LE]
        case (false, 1, 0): row = [AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_YUV422P12LE]
        case (false, 0, 1): row = [AV_PIX_FMT_YUV440P, AV_PIX_FMT_YUV440P10LE, AV_PIX_FMT_YUV440P12LE]
        case (false, 0, 0): row = [AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUV444P10LE, AV_PIX_FMT_YUV444P12LE]
        default: return nil
        }
        return row[depth == 8 ? 0 : depth == 10 ? 1 : 2]
    }
}
