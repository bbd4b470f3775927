import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// An upload body driven on the connection's event loop: each chunk is read
/// on NIO's thread pool and handed to AsyncHTTPClient, and the next read
/// starts when the write's future says the channel takes more. No hop
/// through Swift's cooperative pool per chunk, and the memory in flight is
/// one chunk being read plus what the channel holds up to its high-water mark.
enum FileUploadBody {
    /// `PUT`s the file with the body and the connection on `eventLoop`.
    /// AsyncHTTPClient answers a body's write at once, from its own idea of
    /// whether the channel is writable; when the channel lives on another
    /// loop (an idle keep-alive connection the pool prefers to a new one,
    /// such as the ticket call's to the same host), that idea lags: every
    /// chunk hops between two loops and the reads run ahead of the socket
    /// (the 91.5 MB upload to the sandbox peaked at 65-90 MiB instead of 53).
    static func put(_ url: String, headers: HTTPHeaders, file: ReadOnlyFile, size: Int64, chunkLength: Int,
                    http: HTTPClient, eventLoop: any EventLoop, deadline: NIODeadline,
                    progress: @escaping @Sendable (Int64) -> Void) throws -> HTTPClient.Task<HTTPClient.Response> {
        let body = make(file, size: size, chunkLength: chunkLength, threadPool: .singleton, eventLoop: eventLoop, progress: progress)
        let request = try HTTPClient.Request(url: url, method: .PUT, headers: headers, body: body)
        return http.execute(request: request, delegate: ResponseAccumulator(request: request),
                            eventLoop: .delegateAndChannel(on: eventLoop), deadline: deadline)
    }

    private static func make(_ file: ReadOnlyFile, size: Int64, chunkLength: Int, threadPool: NIOThreadPool,
                             eventLoop: any EventLoop, progress: @escaping @Sendable (Int64) -> Void) -> HTTPClient.Body {
        .stream(contentLength: size) { writer in
            let done = eventLoop.makePromise(of: Void.self)
            @Sendable func send(from offset: Int64) {
                guard offset < size else { return done.succeed() }
                let count = Int(Swift.min(Int64(chunkLength), size - offset))
                threadPool.runIfActive(eventLoop: eventLoop) { try file.read(at: offset, count: count) }
                    .flatMap { chunk -> EventLoopFuture<Int64> in
                        guard chunk.readableBytes > 0 else {
                            return eventLoop.makeFailedFuture(SourceFileError(path: file.path, kind: .shrank(expected: size, read: offset)))
                        }
                        let next = offset + Int64(chunk.readableBytes)
                        return writer.write(.byteBuffer(chunk)).map { next }
                    }
                    .whenComplete { result in
                        switch result {
                        case .success(let next):
                            progress(next)
                            send(from: next)
                        case .failure(let error):
                            done.fail(error)
                        }
                    }
            }
            send(from: 0)
            return done.futureResult
        }
    }
}
