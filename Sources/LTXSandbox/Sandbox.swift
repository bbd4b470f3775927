import HTTPTypes
import Hummingbird
import Logging
import LTXMedia
import LTXPreflight
import NIOCore
import NIOFileSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A local server that behaves like the documented LTX API (and Segmind's
/// retake route): same routes, auth, JSON fields, validation (by
/// LTXPreflight), error bodies and status codes, `x-request-id`, upload URLs
/// with required headers that expire. It answers with real MP4s made here.
public enum Sandbox {
    /// Runs until the task is cancelled or the process is asked to stop;
    /// `onListening` gets the bound port.
    public static func run(_ configuration: SandboxConfiguration,
                           onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let state = SandboxState(script: configuration.script, failureRate: configuration.failureRate)
        let router = Router()
        router.middlewares.add(RequestIDMiddleware(latency: configuration.latency))
        let handlers = Handlers(configuration: configuration, state: state)
        router.post("/v1/upload") { request, _ in await handlers.upload(request) }
        router.put("/storage/{id}") { request, context in await handlers.store(request, id: context.parameters.get("id") ?? "") }
        router.post("/v1/retake") { request, _ in await handlers.retake(request, segmind: false) }
        router.post("/v1/ltx-retake-video") { request, _ in await handlers.retake(request, segmind: true) }
        router.post("/v1/audio-to-video") { request, _ in await handlers.audioToVideo(request) }
        router.post("/v1/text-to-video") { request, _ in await handlers.generate(request, withImage: false) }
        router.post("/v1/image-to-video") { request, _ in await handlers.generate(request, withImage: true) }
        var logger = Logger(label: "ltx-sandbox")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ltx-sandbox"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
        try await app.runService()
    }
}

/// Every answer carries `x-request-id`; `latency` is added before each.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    let latency: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if latency > .zero { try await Task.sleep(for: latency) }
        var response = try await next(request, context)
        response.headers[HTTPField.Name("x-request-id")!] = SandboxState.hex(16)
        return response
    }
}
