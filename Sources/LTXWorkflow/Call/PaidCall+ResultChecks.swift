import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXSystem

/// What came back, looked at before it takes the output's name, and the
/// file facts the journal records of it.
extension PaidCall {
    /// What was downloaded is probed as media before it is renamed into place.
    static let isVideo: LTXAPIClient.ResultCheck = { path in
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(path) } catch {
            return "not a readable video (\(error.kind.rawValue)): \(Self.firstBytes(path))"
        }
        return media.primaryVideo == nil ? "a file with no video stream (\(media.container.rawValue))" : nil
    }

    /// What an answer of `endpoint` must be: HDR's a ZIP (its EXR frames are read when assembled), any other a video.
    static func check(_ endpoint: Endpoint) -> LTXAPIClient.ResultCheck { endpoint == .hdr ? isZip : isVideo }

    /// A ZIP starts with a local file header (or, empty, with its end record).
    static let isZip: LTXAPIClient.ResultCheck = { path in
        guard let magic = try? LocalFiles.prefix(of: path, count: 4) else { return "unreadable" }
        return magic.count == 4 && magic[0] == 0x50 && magic[1] == 0x4B && (magic[2], magic[3]) == (3, 4) ? nil : "not a ZIP of EXR frames: \(Self.firstBytes(path))"
    }

    /// The start of a file, as text where it is text, for saying what came back.
    static func firstBytes(_ path: String) -> String {
        guard let start = try? LocalFiles.prefix(of: path, count: 48) else { return "unreadable" }
        let shown = start.map { (32...126).contains($0) ? String(UnicodeScalar($0)) : "." }.joined()
        return "\(size(path)) bytes starting \"\(shown)\""
    }

    static func sha256(_ path: String) async throws(WorkflowError) -> String {
        do throws(MediaError) { return try await BlockingExecutor.run { () throws(MediaError) in try SHA256.file(path) } } catch {
            throw .unreadable(error)
        }
    }

    static func size(_ path: String) -> Int64 { LocalFiles.size(path) }
}
