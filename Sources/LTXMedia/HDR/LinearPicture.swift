/// One picture as linear BT.2020 light, planar, 1.0 = diffuse white
/// (203 cd/m²): what the EXR frames are converted into, crossfaded in,
/// measured on and encoded from.
struct LinearPicture {
    let width: Int
    let height: Int
    var r: [Float]
    var g: [Float]
    var b: [Float]

    init(width: Int, height: Int, r: [Float], g: [Float], b: [Float]) {
        (self.width, self.height, self.r, self.g, self.b) = (width, height, r, g, b)
    }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        r = [Float](repeating: 0, count: width * height)
        g = r
        b = r
    }

    /// `self` × (1 − `weight`) + `other` × `weight`, pixel by pixel: a crossfade in linear light.
    func mixed(with other: LinearPicture, weight: Float) -> LinearPicture {
        var out = self
        let keep = 1 - weight
        for i in 0..<r.count {
            out.r[i] = r[i] * keep + other.r[i] * weight
            out.g[i] = g[i] * keep + other.g[i] * weight
            out.b[i] = b[i] * keep + other.b[i] * weight
        }
        return out
    }

    /// The light a picture shows, in cd/m² (CTA-861.3 for the first two).
    struct Light: Equatable {
        /// The brightest pixel's largest component (MaxCLL's per-frame maximum).
        var maxComponent: Double
        /// The frame's average of each pixel's largest component (MaxFALL's per-frame value).
        var averageMaxComponent: Double
        /// The frame's mean luminance (BT.2020 Y).
        var meanLuminance: Double
    }

    var light: Light {
        var peak: Float = 0
        var sumMax: Double = 0, sumY: Double = 0
        r.withUnsafeBufferPointer { r in
            g.withUnsafeBufferPointer { g in
                b.withUnsafeBufferPointer { b in
                    // Summed a row at a time in Float, then in Double: exact enough, and a picture is millions of samples.
                    for row in stride(from: 0, to: r.count, by: max(1, width)) {
                        var rowMax: Float = 0, rowY: Float = 0
                        for i in row..<min(r.count, row + max(1, width)) {
                            let (cr, cg, cb) = (max(0, r[i]), max(0, g[i]), max(0, b[i]))
                            let m = max(cr, cg, cb)
                            peak = max(peak, m)
                            rowMax += m
                            rowY += 0.2627 * cr + 0.6780 * cg + 0.0593 * cb
                        }
                        sumMax += Double(rowMax)
                        sumY += Double(rowY)
                    }
                }
            }
        }
        let n = Double(max(1, r.count)), white = SDRToHDR.pqWhiteNits
        return Light(maxComponent: Double(peak) * white, averageMaxComponent: sumMax / n * white, meanLuminance: sumY / n * white)
    }
}

extension LinearPicture {
    /// The picture turned clockwise by 90 or 270 degrees (an upright answer
    /// turned back to a phone clip's stored orientation).
    func turned(clockwise degrees: Int) -> LinearPicture {
        var out = LinearPicture(width: height, height: width)
        for y in 0..<height {
            for x in 0..<width {
                // 90: source (x, y) lands at (h - 1 - y, x); 270: at (y, w - 1 - x).
                let (dx, dy) = degrees == 90 ? (height - 1 - y, x) : (y, width - 1 - x)
                let (s, d) = (y * width + x, dy * out.width + dx)
                out.r[d] = r[s]
                out.g[d] = g[s]
                out.b[d] = b[s]
            }
        }
        return out
    }
}
