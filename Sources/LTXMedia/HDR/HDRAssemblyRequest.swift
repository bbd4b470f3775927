/// One paid piece's answer: the ZIP of EXR frames and where they go.
public struct HDRPieceAnswer: Sendable, Equatable {
    /// The ZIP the API answered with (stored or deflated members).
    public var zip: String
    /// The piece's first frame in the input's numbering (from 0). Pieces may
    /// overlap: the overlapping frames are crossfaded in linear light.
    public var firstFrame: Int
    /// Frames in the piece (the ZIP must hold exactly these, numbered from 1).
    public var frameCount: Int

    public init(zip: String, firstFrame: Int, frameCount: Int) {
        self.zip = zip
        self.firstFrame = firstFrame
        self.frameCount = frameCount
    }
}

/// Everything `HDRAssembly.assemble` needs to turn the answers into a video.
public struct HDRAssemblyRequest: Sendable, Equatable {
    /// The SDR video the pieces were made from: its size, frame rate,
    /// rotation and audio are the output's.
    public var input: String
    public var pieces: [HDRPieceAnswer]
    /// Where to write (`.mp4`/`.mov` or `.mkv`): a temporary path the caller renames into place.
    public var output: String
    /// The path the caller renames `output` to: its extension picks the
    /// container (.mp4, .mov, .mkv). Nil: `output`'s own extension.
    public var destination: String?
    public var transfer: HDRTransfer
    /// When set, the frames are also written there as `frame_000001.exr`...,
    /// one per input frame.
    public var exrDirectory: String?
    /// The colour space of an EXR without a `chromaticities` attribute.
    public var assumedColorSpace: HDRColorSpace

    public init(input: String, pieces: [HDRPieceAnswer], output: String, transfer: HDRTransfer = .pq,
                exrDirectory: String? = nil, assumedColorSpace: HDRColorSpace = .acescg, destination: String? = nil) {
        self.destination = destination
        self.input = input
        self.pieces = pieces
        self.output = output
        self.transfer = transfer
        self.exrDirectory = exrDirectory
        self.assumedColorSpace = assumedColorSpace
    }
}
