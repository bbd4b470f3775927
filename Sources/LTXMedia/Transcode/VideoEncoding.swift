/// H.264 encoding settings (libx264, yuv420p, High profile).
public struct VideoEncoding: Sendable, Codable, Equatable {
    /// Constant rate factor: lower is better; 18 is visually transparent.
    public var crf: Int
    public var preset: String
    /// Output size; nil keeps the input's.
    public var width: Int?
    public var height: Int?
    /// A lower constant output frame rate; nil keeps the input's rate.
    public var frameRate: Int?
    /// Retime to a constant rate (the input's average, or `frameRate`): clean
    /// timestamps, and a variable-rate input made constant. False keeps each
    /// input timestamp as it is.
    public var constantFrameRate: Bool
    /// Average bit rate in bits per second, replacing CRF, to fit a size limit.
    public var bitRate: Int?
    /// Turn the pictures as a player would and drop the rotation tag (the
    /// API answers upright); `width` and `height` are then the upright size.
    public var upright: Bool?
    /// With `width` and `height`: fit the picture inside that size (its
    /// aspect kept), centred, the rest of the frame this colour (a
    /// letterbox or pillarbox). Nil scales the picture to fill the size.
    public var fill: PictureFill?

    public init(crf: Int = 18, preset: String = "medium", width: Int? = nil, height: Int? = nil,
                frameRate: Int? = nil, constantFrameRate: Bool = true, bitRate: Int? = nil, upright: Bool? = nil,
                fill: PictureFill? = nil) {
        self.fill = fill
        self.upright = upright
        self.constantFrameRate = constantFrameRate
        self.crf = crf
        self.preset = preset
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.bitRate = bitRate
    }
}
