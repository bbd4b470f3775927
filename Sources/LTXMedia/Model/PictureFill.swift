/// One colour, in 8-bit Y'CbCr (BT.601 limited range, as yuv420p stores it).
public struct PictureFill: Sendable, Codable, Equatable {
    public var y: UInt8
    public var u: UInt8
    public var v: UInt8

    public init(y: UInt8, u: UInt8, v: UInt8) {
        self.y = y
        self.u = u
        self.v = v
    }

    /// A saturated green (R 0, G 200, B 80): nothing a black bar or a real picture's edge is mistaken for.
    public static let green = PictureFill(y: 125, u: 105, v: 49)

    /// Limited-range black: padding that is only there for an endpoint's shape.
    public static let black = PictureFill(y: 16, u: 128, v: 128)
}
