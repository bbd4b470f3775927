import HTTPTypes
import Hummingbird
import LTXContract
import LTXFiles
import LTXSystem
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle

/// A local server that behaves like the documented LTX API (and Segmind's
/// retake route): the routes, auth, JSON fields, validation (by
/// LTXPreflight), error bodies and status codes of openapi.yaml, through the
/// server protocol generated from it; `x-request-id` on every answer; upload
/// URLs with required headers that expire. It answers with real MP4s made here.
public enum Sandbox {
    /// Runs until the task is cancelled or the process is asked to stop;
    /// `onListening` gets the bound port.
    public static func run(_ configuration: SandboxConfiguration,
                           onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let state = SandboxState(script: configuration.script, failureRate: configuration.failureRate,
                                 pollScript: configuration.pollScript, resultScript: configuration.resultScript)
        let storage = UploadStorage(configuration: configuration, state: state)
        let jobs = AsyncJobs(configuration: configuration, state: state)
        let api = SandboxAPI(configuration: configuration, state: state, storage: storage,
                             producers: Producers(configuration: configuration, state: state,
                                                  resolver: URIResolver(configuration: configuration, state: state)),
                             jobs: jobs)
        let router = Router()
        router.middlewares.add(RequestIDMiddleware(latency: configuration.latency))
        router.middlewares.add(UnknownRoutes())
        try api.registerHandlers(on: router, middlewares: [Admission(configuration: configuration, state: state)])
        addRoutesBesideTheContract(to: router, configuration: configuration, state: state, storage: storage, jobs: jobs)
        var logger = Logger(label: "ltx-sandbox")
        logger.logLevel = .warning
        let headerTimeout = TimeAmount(configuration.headerTimeout)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [
                    HeaderTimeoutHandler(timeout: headerTimeout),
                    ExpectContinueHandler { path in path.hasPrefix("/storage/") ? UploadStorage.limit : Admission.bodyLimit },
                ],
                idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ltx-sandbox"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                await state.listening(on: "\(configuration.host):\(port)")
                await onListening(port)
            },
            logger: logger
        )
        defer {
            if configuration.removeStorageOnExit { removeTree(configuration.storageDirectory) }
        }
        // Cancelling the caller stops the server by a graceful shutdown alone.
        // `app.runService()` in the cancelled task got both: the cancellation
        // closed the listening channel under Hummingbird's accept loop
        // ("Waiting on child channel: CancellationError()"), then its graceful
        // shutdown found the channel closed ("Server shutdown error: Already
        // closed"), two error lines for every sandbox a test stopped. So the
        // group runs in a task of its own, which the cancellation does not reach.
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A connection still busy after this is cut, as before.
        group.maximumGracefulShutdownDuration = .seconds(10)
        let services = ServiceGroup(configuration: group)
        let running = Task { try await services.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await services.triggerGracefulShutdown() }
        }
    }

    /// The sandbox's own folder: uploads, inline inputs and results, one level deep.
    private static func removeTree(_ directory: String) {
        for name in (try? FolderEntries.names(directory)) ?? [] { try? LocalFiles.remove("\(directory)/\(name)") }
        try? LocalFiles.removeFolder(directory)
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
