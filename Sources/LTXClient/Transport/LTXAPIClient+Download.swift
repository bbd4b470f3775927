import AsyncHTTPClient
import LTXFiles
import LTXSystem
import NIOCore
import NIOFileSystem
import OpenAPIRuntime

/// Results to disk: fetched without the key, written beside the output and
/// renamed into place.
extension LTXAPIClient {
    /// A finished job's result, from its storage URL without the key, to a
    /// `.part` file renamed into place; retried on its own (a 504 or a cut
    /// never touches the job).
    public func download(resultURL: String, to output: String, check: ResultCheck? = nil,
                         progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }) async throws(ClientError) -> Generated {
        let file = OutputFile(path: output, suffix: "part")
        let bytes: Int64
        do { bytes = try await fetch(resultURL, to: file.temporary, progress: progress) } catch {
            file.discardTemporary()
            switch Self.classify(error, attempts: 1) {
            case .final(let e), .retryable(_, let e): throw e.naming(output)
            }
        }
        try await commit(file, check: check)
        return Generated(output: output, bytes: bytes, requestID: nil, attempts: 1)
    }

    /// Looks at a downloaded answer before it takes the output's name: nil
    /// when it is what was asked for, else what it is (a JSON or HTML body
    /// saved as a "video" would otherwise sit under the output's name).
    public typealias ResultCheck = @Sendable (_ temporary: String) async -> String?

    func commit(_ file: OutputFile, check: ResultCheck?) async throws(ClientError) {
        if let check, let problem = await check(file.temporary) {
            file.discardTemporary()
            throw .unexpectedAnswer(problem)
        }
        // A signal that came while the result was checked: it does not take the output's name.
        if Task.isCancelled {
            file.discardTemporary()
            throw .cancelled
        }
        do { try file.commit() } catch {
            file.discardTemporary()
            throw .writeFailed(path: file.path, errno: error.errno.rawValue, reason: error.message)
        }
    }

    /// A result URL: no key, its own retries on connection failures and 5xx
    /// (the generation is done and paid for; only the transfer is repeated).
    func fetch(_ url: String, to temporary: String, progress: @escaping @Sendable (Int64, Int64?) -> Void) async throws -> Int64 {
        let (bytes, _) = try await withRetries(.download, "downloading \(url)", target: url.prefixBeforePath) { () async throws -> Int64 in
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            let response = try await self.http.execute(request, timeout: self.timeout)
            guard (200..<300).contains(Int(response.status.code)) else {
                let body = (try? await response.body.collect(upTo: 1 << 16)).map { Array(buffer: $0) } ?? []
                throw APIStatusError(status: Int(response.status.code), body: body, requestID: response.headers.first(name: "x-request-id"),
                                     retryAfter: response.headers.first(name: "retry-after"))
            }
            let length = response.headers.first(name: "content-length").flatMap { Int64($0) }
            let body = HTTPBody(response.body.map { ArraySlice(Array(buffer: $0)) }, length: length.map { .known($0) } ?? .unknown,
                                iterationBehavior: .single)
            do { return try await Self.write(body, to: temporary, progress: progress) } catch let dropped as DownloadDropped {
                throw ResultTransferCut(dropped)  // retried: fetching the stored result again costs nothing
            }
        }
        return bytes
    }

    /// Streams `body` into `temporary`; a short or failed body removes it.
    /// What the network cuts (`DownloadDropped`) and what the disk refuses
    /// (`ResultWriteFailed`: full, its folder removed, read-only) are told
    /// apart: only the first is worth fetching again.
    static func write(_ body: HTTPBody, to temporary: String, progress: @escaping @Sendable (Int64, Int64?) -> Void) async throws -> Int64 {
        let expected: Int64? = if case .known(let n) = body.length { n } else { nil }
        var received: Int64 = 0
        do {
            try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(temporary),
                                                       options: .newFile(replaceExisting: true)) { handle in
                var writer = handle.bufferedWriter()
                var chunks = body.makeAsyncIterator()
                while true {
                    let next: ArraySlice<UInt8>?
                    do { next = try await chunks.next() } catch { throw BodyCut() }
                    guard let chunk = next else { break }
                    // A signal stops the transfer here, whatever the connection does.
                    try Task.checkCancellation()
                    received += Int64(chunk.count)
                    try await writer.write(contentsOf: chunk)
                    progress(received, expected)
                }
                try await writer.flush()
            }
        } catch is BodyCut {
            try? LocalFiles.remove(temporary)
            throw DownloadDropped(received: received, expected: expected)
        } catch is CancellationError {
            try? LocalFiles.remove(temporary)
            throw CancellationError()
        } catch {
            try? LocalFiles.remove(temporary)
            throw ResultWriteFailed(error, path: temporary)
        }
        if let expected, received != expected {
            try? LocalFiles.remove(temporary)
            throw DownloadDropped(received: received, expected: expected)
        }
        return received
    }

    struct BodyCut: Error {}

    struct DownloadDropped: Error {
        var received: Int64
        var expected: Int64?
    }

    /// The result's bytes arrived and the file system refused them: errno and the system's words.
    struct ResultWriteFailed: Error {
        var path: String
        var errno: Int32
        var reason: String

        init(_ error: any Error, path: String) {
            self.path = path
            if let fs = error as? FileSystemError, let call = fs.cause as? FileSystemError.SystemCallError {
                errno = call.errno.rawValue
                reason = call.errno.message
            } else {
                errno = Errno.ioError.rawValue
                reason = String(describing: error)
            }
        }
    }

    /// A cut while fetching a stored result: safe to fetch again.
    struct ResultTransferCut: Error {
        var dropped: DownloadDropped
        init(_ dropped: DownloadDropped) { self.dropped = dropped }
    }
}
