#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One TCP connection to 127.0.0.1, spoken to byte by byte: for what an
/// HTTP client library would not send (a half header, a broken chunk,
/// `Expect: 100-continue` with no body). Calls block, so run them through
/// `RawConnection.offPool` when the server is in the same process.
public final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    /// What has been read and not yet taken.
    private var pending: [UInt8] = []
    /// True once the server closed its side.
    public private(set) var closed = false

    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }

    /// `bound` caps each wait for the server (seconds): a safety net so a test
    /// that fails cannot hang, never a measurement. Generous, because the
    /// in-process server answers on the cooperative pool, which other tests'
    /// runs of the binary can hold for a minute on a two-core machine.
    public init(port: Int, bound: Int = 300) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failed(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: bound, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw Failed(description: "connect: \(errno)")
        }
    }

    deinit { close(fd) }

    public func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failed(description: "send: \(errno)") }
            sent += n
        }
    }

    /// Reads until `done` says the bytes so far are enough, the server
    /// closes, or the bound passes; returns everything read.
    @discardableResult
    public func read(until done: ([UInt8]) -> Bool = { _ in false }) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(pending) && !closed {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) { closed = true; break }
            // A signal (SIGCHLD of a test's child process) interrupts a blocking recv: read on.
            if n < 0 && errno == EINTR { continue }
            if n < 0 { break }  // the bound passed
            pending += buffer[0..<n]
        }
        defer { pending = [] }
        return pending
    }

    /// Reads one whole answer: the head, then `Content-Length` bytes of body.
    public func readAnswer() -> RawAnswer? {
        var answer: RawAnswer?
        read { bytes in
            answer = RawAnswer(bytes)
            return answer.map { $0.body.count >= $0.contentLength } ?? false
        }
        return answer
    }

    /// Runs blocking socket work on its own thread, off the cooperative
    /// pool the in-process server needs.
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            var thread = pthread_t()
            let box = Unmanaged.passRetained(Job { continuation.resume(with: Result { try body() }) })
            let rc = pthread_create(&thread, nil, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                job.run()
                return nil
            }, box.toOpaque())
            if rc == 0 { pthread_detach(thread) } else {
                box.release()
                continuation.resume(throwing: Failed(description: "pthread_create: \(rc)"))
            }
        }
    }

    private final class Job: @unchecked Sendable {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}

/// An HTTP/1.1 answer as read off the wire.
public struct RawAnswer: Sendable {
    public var status: Int
    /// Field names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    var contentLength: Int { Int(headers["content-length"] ?? "0") ?? 0 }
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Nil until `bytes` hold a whole head.
    init?(_ bytes: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.dropLast(3).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).split(separator: "\r\n").map(String.init)
        guard let first = lines.first, first.hasPrefix("HTTP/1.1 "), let code = Int(first.dropFirst(9).prefix(3)) else { return nil }
        status = code
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop { $0 == " " })
        }
        headers = fields
        body = Array(bytes[(end + 4)...])
    }
}
