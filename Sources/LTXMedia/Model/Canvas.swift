/// The frame a picture is padded to (`VideoEncoding.fill`) for an endpoint that takes only some shapes.
public struct Canvas: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The smallest even frame of `aspect` (16:9 or 9:16, whichever is
    /// nearer to the picture's own shape) that holds a `width`x`height`
    /// picture; nil when the picture has that shape already.
    public static func padding(width: Int, height: Int, to aspects: [(width: Int, height: Int)]) -> Canvas? {
        guard width > 0, height > 0 else { return nil }
        let ratio = Double(width) / Double(height)
        // Nearer as a factor, not a difference: 4:3 is nearer 16:9 than 9:16.
        func distance(_ a: (width: Int, height: Int)) -> Double {
            let r = Double(a.width) / Double(a.height) / ratio
            return max(r, 1 / r)
        }
        guard let aspect = aspects.min(by: { distance($0) < distance($1) }) else { return nil }
        // Within half a percent is that shape already: 854x480 is 16:9 on even sizes.
        guard distance(aspect) > 1.005 else { return nil }
        let target = Double(aspect.width) / Double(aspect.height)
        func even(_ x: Double) -> Int { Int((x / 2).rounded(.up)) * 2 }
        return ratio < target ? Canvas(width: even(Double(height) * target), height: height + height % 2)
                              : Canvas(width: width + width % 2, height: even(Double(width) / target))
    }
}
