import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON request body with a file inlined as a `data:` URI, base64-encoded
/// as it streams: `prefix` + base64(file) + `suffix`. The file is never
/// held in memory whole.
struct Base64JSONBody<Chunks: AsyncSequence>: AsyncSequence, Sendable
where Chunks.Element == ByteBuffer, Chunks: Sendable {
    typealias Element = ByteBuffer
    let prefix: [UInt8]
    let chunks: Chunks
    let suffix: [UInt8]

    static func length(prefix: Int, fileSize: Int64, suffix: Int) -> Int64 {
        Int64(prefix) + (fileSize + 2) / 3 * 4 + Int64(suffix)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var prefix: [UInt8]?
        var upstream: Chunks.AsyncIterator
        var suffix: [UInt8]?
        /// 0 to 2 bytes left over: base64 works in groups of 3.
        var carry: [UInt8] = []
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            if let p = prefix {
                prefix = nil
                return ByteBuffer(bytes: p)
            }
            while !finished {
                guard let chunk = try await upstream.next() else {
                    finished = true
                    if !carry.isEmpty {
                        let tail = Data(carry).base64EncodedData()
                        carry = []
                        return ByteBuffer(bytes: tail)
                    }
                    break
                }
                var bytes = carry + chunk.readableBytesView
                let whole = bytes.count / 3 * 3
                carry = Array(bytes[whole...])
                bytes.removeSubrange(whole...)
                if !bytes.isEmpty { return ByteBuffer(bytes: Data(bytes).base64EncodedData()) }
            }
            if let s = suffix {
                suffix = nil
                return ByteBuffer(bytes: s)
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(prefix: prefix, upstream: chunks.makeAsyncIterator(), suffix: suffix)
    }
}
