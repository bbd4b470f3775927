/// The mastering display an HDR10 video declares (SMPTE ST 2086).
public struct HDRMasteringDisplay: Sendable, Codable, Equatable {
    /// The display's primaries and white point: BT.2020 and D65.
    public var primaries: String
    public var whitePoint: String
    /// cd/m².
    public var minLuminance: Double
    public var maxLuminance: Double
}

/// The step in mean luminance between the last frame of one piece and the
/// first of the next, against the steps between neighbouring frames inside
/// the two pieces beside it.
public struct HDRBoundaryStep: Sendable, Codable, Equatable {
    /// The first output frame of the later piece (from 0).
    public var frame: Int
    /// |mean luminance after − before|, cd/m².
    public var step: Double
    /// Median and largest step between neighbouring frames within the two pieces.
    public var withinMedian: Double
    public var withinMax: Double
    /// The boundary step is larger than every step within the pieces: an
    /// overlap crossfaded in linear light would hide it.
    public var crossfadeAdvised: Bool
}

/// What `HDRAssembly.assemble` wrote and measured.
public struct HDRAssemblyReport: Sendable, Codable, Equatable {
    public var frames: Int
    public var width: Int
    public var height: Int
    /// Frames a second, as the input states it.
    public var frameRate: Double
    /// Clockwise degrees the display matrix turns the picture (copied from the input).
    public var rotation: Int
    public var transfer: HDRTransfer
    /// Content light levels (CTA-861.3), cd/m², measured from the frames:
    /// the brightest pixel's largest component, and the largest frame average of it.
    public var maxCLL: Int
    public var maxFALL: Int
    public var mastering: HDRMasteringDisplay
    /// The colour space each piece's EXR frames were read as, in piece order.
    public var colorSpaces: [HDRColorSpace]
    public var boundarySteps: [HDRBoundaryStep]
    public var audioPacketsCopied: Int
    public var exrFilesWritten: Int
}
