import LTXContract
import LTXMedia
import LTXPreflight

/// An HDR version of a whole SDR clip asked for.
public struct HDRJob: Sendable {
    public var input: String
    public var output: String
    /// PQ (HDR10) or HLG.
    public var transfer: HDRTransfer
    /// Where the frames are also kept as a numbered EXR sequence; nil: not kept.
    public var exrDirectory: String?
    /// Frames two neighbouring pieces share, crossfaded in linear light; 0: none.
    public var overlap: Int
    /// `output_colorspace` sent (`Catalogue.HDR.colorSpaces`); nil sends none: the API's `acescg`.
    public var colorSpace: String?
    public var delivery: Delivery
    public var fixOptions: FixOptions

    public init(input: String, output: String, transfer: HDRTransfer = .pq, exrDirectory: String? = nil, overlap: Int = 0,
                colorSpace: String? = nil, delivery: Delivery = .upload, fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.output = output
        self.transfer = transfer
        self.exrDirectory = exrDirectory
        self.overlap = overlap
        self.colorSpace = colorSpace
        self.delivery = delivery
        self.fixOptions = fixOptions
    }
}

/// Why a clip is not sent for HDR; nothing was paid.
public enum HDRRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The input's transfer already is PQ or HLG.
    case alreadyHDR(path: String, transfer: String)
    case cannotPlan(path: String, HDRPlanError)
    /// Not one of the API's `output_colorspace` names.
    case colorSpaceNotOffered(String)
    /// The output's name says a container the HDR video is not written in.
    case outputContainer(path: String, reason: String)

    public var description: String {
        switch self {
        case .alreadyHDR(let path, let transfer): "\(path): is already HDR (\(transfer)); hdr makes HDR from an SDR video"
        case .cannotPlan(let path, let e): "\(path): \(e.description)"
        case .outputContainer(let path, let reason): "\(path): \(reason)"
        case .colorSpaceNotOffered(let name):
            "output colour space \(name) is not offered: \(Catalogue.HDR.colorSpaces.joined(separator: ", "))"
        }
    }
}
