import RealModule

/// How close one video is to another, picture for picture.
public enum VideoComparison {
    public struct Result: Sendable, Equatable {
        /// PSNR of the luma plane over every compared pixel, in dB
        /// (infinite when identical).
        public var psnr: Double
        public var framesCompared: Int
        public var referenceFrames: Int
        public var distortedFrames: Int
    }

    /// Compares the first video stream of two files of the same picture size,
    /// frame i of `distorted` against frame `skippingReferenceFrames` + i of
    /// `reference`, in display order.
    public static func compare(reference: String, distorted: String, skippingReferenceFrames skip: Int = 0) throws(MediaError) -> Result {
        var squaredError = 0.0, pixels = 0, compared = 0
        let counts = try walk(reference: reference, distorted: distorted, skippingReferenceFrames: skip) { error, n in
            squaredError += error
            pixels += n
            compared += 1
        }
        return Result(psnr: psnr(squaredError, pixels), framesCompared: compared, referenceFrames: counts.reference, distortedFrames: counts.distorted)
    }

    /// Luma PSNR in dB of `pixels` pixels whose squared errors sum to `squaredError`; infinite when none differ.
    static func psnr(_ squaredError: Double, _ pixels: Int) -> Double {
        let mse = pixels > 0 ? squaredError / Double(pixels) : 0
        return mse == 0 ? .infinity : 10 * Double.log10(255 * 255 / mse)
    }

    /// Reads both files' pictures in step (the reference's first `skip`
    /// passed over), handing `pair` each pair's summed squared luma error
    /// and pixel count, until both files end (or the first, when
    /// `untilEitherEnds`); returns the pictures each had. `negated` compares
    /// against the reference's negative (255 - Y).
    static func walk(reference: String, distorted: String, skippingReferenceFrames skip: Int = 0, negated: Bool = false,
                     untilEitherEnds: Bool = false, _ pair: (_ squaredError: Double, _ pixels: Int) -> Void) throws(MediaError) -> (reference: Int, distorted: Int) {
        let a = try VideoFrameReader(path: reference)
        let b = try VideoFrameReader(path: distorted)
        for _ in 0..<skip { guard try a.next({ _, _, _, _ in }) else { break } }
        var countA = 0, countB = 0
        var planeA: (w: Int, h: Int, bytes: [UInt8]) = (0, 0, [])
        while true {
            let gotA = try a.next { w, h, stride, data in
                var out = [UInt8](repeating: 0, count: w * h)
                for y in 0..<h { for x in 0..<w { out[y * w + x] = negated ? 255 &- data[y * stride + x] : data[y * stride + x] } }
                planeA = (w, h, out)
            }
            var sizeMismatch = false
            let gotB = try b.next { w, h, stride, data in
                guard gotA else { return }
                guard w == planeA.w, h == planeA.h else { sizeMismatch = true; return }
                var squaredError = 0.0
                for y in 0..<h {
                    for x in 0..<w {
                        let d = Double(Int(planeA.bytes[y * w + x]) - Int(data[y * stride + x]))
                        squaredError += d * d
                    }
                }
                pair(squaredError, w * h)
            }
            if sizeMismatch {
                throw MediaError(kind: .unsupported, path: distorted, message: "picture sizes differ: cannot compare")
            }
            countA += gotA ? 1 : 0
            countB += gotB ? 1 : 0
            if (!gotA && !gotB) || (untilEitherEnds && !(gotA && gotB)) { return (countA, countB) }
        }
    }
}
