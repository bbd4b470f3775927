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
        let a = try VideoFrameReader(path: reference)
        let b = try VideoFrameReader(path: distorted)
        for _ in 0..<skip { guard try a.next({ _, _, _, _ in }) else { break } }
        var squaredError = 0.0, pixels = 0.0, compared = 0, countA = 0, countB = 0
        var planeA: (w: Int, h: Int, bytes: [UInt8]) = (0, 0, [])
        while true {
            let gotA = try a.next { w, h, stride, data in
                planeA = (w, h, copyPlane(w, h, stride, data))
            }
            var sizeMismatch = false
            let gotB = try b.next { w, h, stride, data in
                guard gotA else { return }
                guard w == planeA.w, h == planeA.h else { sizeMismatch = true; return }
                for y in 0..<h {
                    for x in 0..<w {
                        let d = Double(Int(planeA.bytes[y * w + x]) - Int(data[y * stride + x]))
                        squaredError += d * d
                    }
                }
                pixels += Double(w * h)
                compared += 1
            }
            if sizeMismatch {
                throw MediaError(kind: .unsupported, path: distorted, message: "picture sizes differ: cannot compare")
            }
            countA += gotA ? 1 : 0
            countB += gotB ? 1 : 0
            if !gotA && !gotB { break }
        }
        let mse = pixels > 0 ? squaredError / pixels : 0
        let psnr = mse == 0 ? Double.infinity : 10 * log10(255 * 255 / mse)
        return Result(psnr: psnr, framesCompared: compared, referenceFrames: countA, distortedFrames: countB)
    }

    private static func copyPlane(_ w: Int, _ h: Int, _ stride: Int, _ data: UnsafePointer<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { out[y * w + x] = data[y * stride + x] } }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
