internal import CFFmpeg

/// Every failure LTXMedia reports: what went wrong, where, and, when FFmpeg
/// said so, FFmpeg's own error code and message (as swift-system's `Errno`
/// carries the C errno).
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case notFound = "not-found"
        case notARegularFile = "not-a-file"
        case empty
        case unreadable
        case noStreams = "no-streams"
        case truncated
        case timedOut = "timed-out"
        case unsupported
        case cancelled
        case output
        case ffmpeg
    }

    public var kind: Kind
    /// The file the error is about, when there is one.
    public var path: String?
    /// The FFmpeg call that failed, e.g. `avformat_open_input`.
    public var operation: String?
    /// FFmpeg's AVERROR code (negative), when FFmpeg produced the error.
    public var code: Int32?
    /// One human sentence, without the path.
    public var message: String

    public init(kind: Kind, path: String? = nil, operation: String? = nil, code: Int32? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.operation = operation
        self.code = code
        self.message = message
    }

    /// A failed FFmpeg call, with FFmpeg's message for its code.
    static func ffmpeg(_ code: Int32, _ operation: String, path: String? = nil, kind: Kind = .ffmpeg) -> MediaError {
        MediaError(kind: kind, path: path, operation: operation, code: code, message: FFmpegError.message(for: code))
    }

    public var description: String {
        var line = path.map { "\($0): " } ?? ""
        line += message
        if let code, let operation { line += " (\(operation): \(code))" }
        return line
    }
}

/// FFmpeg's error codes, read once through the shim.
enum FFmpegError {
    static let eof = cffmpeg_averror_eof()
    static let again = cffmpeg_averror_eagain()
    static let exit = cffmpeg_averror_exit()
    static let invalidData = cffmpeg_averror_invaliddata()

    static func message(for code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { buf in
            String(cString: cffmpeg_err2str(code, buf.baseAddress, buf.count))
        }
    }

    /// Wraps one C call: a negative return becomes a typed error.
    @discardableResult
    static func check(_ code: Int32, _ operation: String, path: String? = nil) throws(MediaError) -> Int32 {
        if code < 0 {
            throw code == exit
                ? MediaError(kind: .timedOut, path: path, operation: operation, code: code, message: "gave up: reading took longer than the time limit")
                : MediaError.ffmpeg(code, operation, path: path)
        }
        return code
    }
}
