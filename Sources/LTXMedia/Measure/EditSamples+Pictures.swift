internal import CFFmpeg

/// The pictures and the PSNR a review asks for.
extension EditSamples {
    /// Which frames to look at, by index in display order (the same index in both files).
    public struct Request: Sendable, Equatable {
        /// Frames shown as pictures, from each file that has them.
        public var pictures: [Int]
        /// Runs whose pictures are compared, one PSNR each.
        public var measured: [ClosedRange<Int>]
        /// The longest side of each picture, in pixels.
        public var maxSide: Int

        public init(pictures: [Int], measured: [ClosedRange<Int>], maxSide: Int) {
            self.pictures = pictures
            self.measured = measured
            self.maxSide = maxSide
        }
    }

    public struct Pictures: Sendable, Equatable {
        public var original: [Int: Thumbnail] = [:]
        public var output: [Int: Thumbnail] = [:]
        /// Luma PSNR of each measured run, in dB (infinite when identical);
        /// nil where the pictures differ in size or a file lacks the frames.
        public var runPSNR: [Double?] = []
        /// Luma PSNR of each measured frame, in dB.
        public var framePSNR: [Int: Double] = [:]
    }

    /// The pictures and PSNRs `request` asks for, decoding both files only
    /// around those frames. Blocking.
    public static func pictures(original: String, _ originalPackets: Packets, output: String, _ outputPackets: Packets,
                                _ request: Request) throws(MediaError) -> Pictures {
        let a = try SeekingPictures(path: original, originalPackets)
        let b = try SeekingPictures(path: output, outputPackets)
        let shown = Set(request.pictures)
        let measured = Set(request.measured.flatMap { Array($0) })
        var result = Pictures()
        var errors: [Int: (squared: Double, pixels: Int)] = [:]
        for frame in shown.union(measured).sorted() {
            let wantsPicture = shown.contains(frame)
            var lumaA: (w: Int32, h: Int32, bytes: [UInt8])?
            _ = try a.picture(at: frame) { picture, seconds throws(MediaError) in
                if wantsPicture { result.original[frame] = try a.thumbnail(picture, seconds: seconds, maxSide: request.maxSide) }
                if measured.contains(frame) { lumaA = try a.luma(picture) }
            }
            _ = try b.picture(at: frame) { picture, seconds throws(MediaError) in
                if wantsPicture { result.output[frame] = try b.thumbnail(picture, seconds: seconds, maxSide: request.maxSide) }
                guard let la = lumaA, measured.contains(frame) else { return }
                let lb = try b.luma(picture)
                guard la.w == lb.w, la.h == lb.h else { return }
                let squared = Double(squaredError(la.bytes, lb.bytes))
                errors[frame] = (squared, la.bytes.count)
                result.framePSNR[frame] = VideoComparison.psnr(squared, la.bytes.count)
            }
        }
        result.runPSNR = request.measured.map { run in
            let parts = run.compactMap { errors[$0] }
            guard parts.count == run.count else { return nil }
            return VideoComparison.psnr(parts.reduce(0) { $0 + $1.squared }, parts.reduce(0) { $0 + $1.pixels })
        }
        return result
    }

    /// The summed squared difference of two planes of the same size: integer
    /// arithmetic on raw pointers, wrapping operators (no overflow check, a
    /// row's sum fits easily), as this loop is most of a review's own work.
    static func squaredError(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                var sum = 0
                for i in 0..<min(pa.count, pb.count) {
                    let d = Int32(truncatingIfNeeded: x[i]) &- Int32(truncatingIfNeeded: y[i])
                    sum = sum &+ Int(truncatingIfNeeded: d &* d)
                }
                return sum
            }
        }
    }

    /// `pictures` on BlockingExecutor's threads.
    public static func pictures(original: String, _ originalPackets: Packets, output: String, _ outputPackets: Packets,
                                _ request: Request) async throws(MediaError) -> Pictures {
        try await BlockingExecutor.run { () throws(MediaError) -> Pictures in
            try pictures(original: original, originalPackets, output: output, outputPackets, request)
        }
    }
}
