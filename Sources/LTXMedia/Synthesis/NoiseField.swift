internal import CFFmpeg

/// Random luma over a centred patch of a made-up clip, mid-grey around it:
/// content that does not compress, in a chosen share of the picture. One
/// field of random bytes, two patches' worth, is made once from a fixed
/// seed (the same clip every time); each frame shows a patch's worth from a
/// random offset. Consecutive frames are then the field moved by a random
/// distance, almost always hundreds of pixels: far past the ±16 pixels
/// x264's motion search looks, so to the encoder each frame is new noise.
/// Copying rows keeps a 1080p frame cheap even in a debug build, where a
/// random number per pixel would cost seconds over a 30 s clip.
struct NoiseField {
    private let field: [UInt8]
    /// The patch: its size and its top-left corner in the picture.
    private let width: Int
    private let height: Int
    private let left: Int
    private let top: Int
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// `share` of the picture's width and of its height (so `share`² of
    /// its area), at least one pixel, at most all of it.
    init(pictureWidth: Int, pictureHeight: Int, share: Double) {
        let s = min(max(share, 0), 1)
        width = max(1, min(pictureWidth, Int((Double(pictureWidth) * s).rounded())))
        height = max(1, min(pictureHeight, Int((Double(pictureHeight) * s).rounded())))
        left = (pictureWidth - width) / 2
        top = (pictureHeight - height) / 2
        var state: UInt64 = 1
        var field = [UInt8](repeating: 0, count: 2 * width * height + 8)
        field.withUnsafeMutableBytes { bytes in
            for i in stride(from: 0, to: bytes.count - 7, by: 8) {
                bytes.storeBytes(of: Self.splitMix(&state), toByteOffset: i, as: UInt64.self)
            }
        }
        self.field = field
    }

    /// SplitMix64: a fast, well-mixed sequence from a 64-bit counter.
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Paints the luma plane of a yuv420p `frame`: mid-grey, and the next
    /// part of the field over the patch.
    mutating func paint(luma frame: UnsafeMutablePointer<AVFrame>) {
        guard let luma = frame.pointee.data.0 else { return }
        let stride = Int(frame.pointee.linesize.0)
        for y in 0..<Int(frame.pointee.height) { (luma + y * stride).update(repeating: 128, count: Int(frame.pointee.width)) }
        let offset = Int(Self.splitMix(&state) % UInt64(width * height))
        field.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            for y in 0..<height { (luma + (top + y) * stride + left).update(from: base + offset + y * width, count: width) }
        }
    }
}
