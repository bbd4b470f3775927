/// A curve sampled once for a pixel loop: `f(top × (i / (steps − 1))²)`.
/// Squared steps put more samples near zero, where the HDR and gamma curves
/// are steepest; read with linear interpolation between neighbours, inputs
/// clamped to 0...top.
struct CurveTable: Sendable {
    let values: [Float]
    let top: Float
    let steps: Int

    init(top: Double, steps: Int, _ f: (Double) -> Double) {
        self.top = Float(top)
        self.steps = steps
        values = (0..<steps).map { i in
            let u = Double(i) / Double(steps - 1)
            return Float(f(top * u * u))
        }
    }

    @inline(__always)
    func callAsFunction(_ x: Float) -> Float {
        let t = (max(0, min(1, x / top))).squareRoot() * Float(steps - 1)
        let i = min(Int(t), steps - 2)
        let f = t - Float(i)
        return values[i] + (values[i + 1] - values[i]) * f
    }
}
