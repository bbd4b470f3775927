import AsyncHTTPClient
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import LTXClient
import TestSupport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The event-loop upload body, over real HTTP to a loopback host: the
/// server gets the file byte for byte, in chunks of any size, and a file
/// shorter than announced fails the request rather than sending short.
@Suite struct FileUploadBodyTests {
    let path = Fixtures.path("h264_60s_gop2s.mp4")

    private func put(_ base: String, size: Int64, chunk: Int, http: HTTPClient = .shared,
                     eventLoop: (any EventLoop)? = nil) async throws -> (answer: String, progress: Int64, peerPort: String?) {
        let sent = ProgressBox()
        let task = try FileUploadBody.put("\(base)/put", headers: [:], file: ReadOnlyFile(path: path), size: size, chunkLength: chunk,
                                          http: http, eventLoop: eventLoop ?? http.eventLoopGroup.next(),
                                          deadline: .now() + .seconds(60)) { sent.set($0) }
        let response = try await task.futureResult.get()
        return (String(buffer: response.body ?? ByteBuffer()), sent.get(), response.headers.first(name: "x-peer-port"))
    }

    @Test(arguments: [1000, 96 * 1024, 1 << 24])
    func theServerGetsTheFile(_ chunk: Int) async throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var hash = FNV1a()
        hash.add(whole)
        let expected = "\(whole.count) \(hash.value)"
        try await LoopbackHost.run { base in
            let (answer, progress, _) = try await put(base, size: Int64(whole.count), chunk: chunk)
            #expect(answer == expected)
            #expect(progress == Int64(whole.count))
        }
    }

    @Test func aFileShorterThanAnnouncedFails() async throws {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try await LoopbackHost.run { base in
            await #expect(throws: SourceFileError.self) {
                _ = try await put(base, size: Int64(size) + 10, chunk: 96 * 1024)
            }
        }
    }

    /// The ticket call leaves an idle keep-alive connection to the same host
    /// (the sandbox's upload URL is on the API's host); when it sits on
    /// another event loop than the body, the PUT must not take it.
    @Test func thePutTakesNoConnectionOnAnotherEventLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let http = HTTPClient(eventLoopGroup: group)
        let loops = Array(group.makeIterator())
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        do {
            try await LoopbackHost.run { base in
                let head = try HTTPClient.Request(url: "\(base)/clip.mp4", method: .HEAD)
                let idle = try await http.execute(request: head, eventLoop: .delegateAndChannel(on: loops[0])).get()
                let idlePort = try #require(idle.headers.first(name: "x-peer-port"))
                let (answer, _, putPort) = try await put(base, size: Int64(size), chunk: 96 * 1024, http: http, eventLoop: loops[1])
                #expect(answer.hasPrefix("\(size) "))
                #expect(putPort != nil && putPort != idlePort)
            }
        } catch {
            try await http.shutdown()
            try await group.shutdownGracefully()
            throw error
        }
        try await http.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func aMissingFileIsAFileError() {
        #expect(throws: ClientError.self) { _ = try ReadOnlyFile(path: "/nonexistent/clip.mp4") }
    }
}

/// The last progress value, set from the event loop.
final class ProgressBox: Sendable {
    private let value = Atomic<Int64>(0)
    func set(_ v: Int64) { value.store(v, ordering: .relaxed) }
    func get() -> Int64 { value.load(ordering: .relaxed) }
}
