import NIOCore
import NIOFileSystem
import Testing
@testable import LTXClient
import TestSupport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The upload body: a real file read back in chunks must be the file, and
/// a file shorter than announced must fail, not send a short body.
@Suite struct SequentialFileReadsTests {
    let path = Fixtures.path("h264_60s_gop2s.mp4")

    private func read(size: Int64, chunk: Int64) async throws -> (bytes: [UInt8], chunks: Int) {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            var bytes: [UInt8] = []
            var chunks = 0
            for try await buffer in SequentialFileReads(handle: handle, path: path, size: size, chunkLength: chunk) {
                #expect(buffer.readableBytes <= Int(chunk))
                bytes += buffer.readableBytesView
                chunks += 1
            }
            return (bytes, chunks)
        }
    }

    @Test(arguments: [1000, 96 * 1024, 1 << 30] as [Int64])
    func readsTheWholeFileInOrder(_ chunk: Int64) async throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let (bytes, chunks) = try await read(size: Int64(whole.count), chunk: chunk)
        #expect(bytes == whole)
        #expect(chunks == (whole.count + Int(chunk) - 1) / Int(chunk))
    }

    @Test func stopsAtTheAnnouncedSize() async throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let (bytes, _) = try await read(size: 5000, chunk: 3000)
        #expect(bytes == Array(whole.prefix(5000)))
    }

    @Test func aFileShorterThanAnnouncedFails() async throws {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        await #expect(throws: SourceFileError.self) {
            _ = try await read(size: Int64(size) + 10, chunk: 96 * 1024)
        }
    }
}
