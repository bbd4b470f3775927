import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A file host on a random loopback port, for the client's network tests:
/// a public file, a redirect, a private file, a server without HEAD, and
/// `PUT /put`, which answers with the length and FNV-1a hash of what it got.
/// Every answer names the client's port in `x-peer-port`, so a test can
/// tell which connection a request came over.
enum LoopbackHost {
    static let peerPort = HTTPField.Name("x-peer-port")!

    static func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router(context: PeerContext.self)
        router.add(middleware: PeerPortMiddleware())
        router.on("/clip.mp4", method: .head) { _, _ in
            Response(status: .ok, headers: [.contentLength: "31537", .contentType: "video/mp4"])
        }
        router.on("/moved.mp4", method: .head) { _, _ in
            Response(status: .movedPermanently, headers: [.location: "https://cdn.example.com/clip.mp4"])
        }
        router.on("/private.mp4", method: .head) { _, _ in Response(status: .forbidden) }
        router.on("/nohead.mp4", method: .head) { _, _ in Response(status: .methodNotAllowed) }
        router.put("/put") { request, _ -> String in
            var hash = FNV1a()
            var count = 0
            for try await chunk in request.body {
                count += chunk.readableBytes
                hash.add(chunk.readableBytesView)
            }
            return "\(count) \(hash.value)"
        }
        var logger = Logger(label: "loopback-host")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        // HummingbirdTesting's live mode stops the server by graceful shutdown;
        // cancelling `app.run()` instead can drop a connection being accepted,
        // which NIO traps on (NIOAsyncWriter deinit without finish).
        try await app.test(.live) { client in
            guard let port = client.port else { throw NoPort() }
            try await body("http://127.0.0.1:\(port)")
        }
    }

    struct NoPort: Error {}
}

/// A request context that keeps the client's address.
struct PeerContext: RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

struct PeerPortMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: PeerContext, next: (Request, PeerContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let port = context.remoteAddress?.port { response.headers[LoopbackHost.peerPort] = String(port) }
        return response
    }
}

/// 64-bit FNV-1a: enough to tell a byte stream from another in a test.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    }
}
