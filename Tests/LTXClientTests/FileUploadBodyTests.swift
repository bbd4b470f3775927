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

    private func put(_ base: String, size: Int64, chunk: Int) async throws -> (answer: String, progress: Int64) {
        let file = try ReadOnlyFile(path: path)
        let eventLoop = HTTPClient.shared.eventLoopGroup.next()
        let sent = ProgressBox()
        let body = FileUploadBody.make(file, size: size, chunkLength: chunk, threadPool: .singleton,
                                       eventLoop: eventLoop) { sent.set($0) }
        let request = try HTTPClient.Request(url: "\(base)/put", method: .PUT, body: body)
        let response = try await HTTPClient.shared.execute(request: request, eventLoop: .delegate(on: eventLoop)).get()
        return (String(buffer: response.body ?? ByteBuffer()), sent.get())
    }

    @Test(arguments: [1000, 96 * 1024, 1 << 24])
    func theServerGetsTheFile(_ chunk: Int) async throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var hash = FNV1a()
        hash.add(whole)
        let expected = "\(whole.count) \(hash.value)"
        try await LoopbackHost.run { base in
            let (answer, progress) = try await put(base, size: Int64(whole.count), chunk: chunk)
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
