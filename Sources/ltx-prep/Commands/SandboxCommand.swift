import ArgumentParser
import LTXClient
import LTXSandbox

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local server that speaks the LTX API (and Segmind's retake), for tests.",
        discussion: """
            Same routes, auth, JSON fields, validation (by the rules `ltx-prep check`
            applies), error bodies, status codes and x-request-id as the documented API,
            with upload URLs that expire and demand their required header. It answers
            with real MP4s made here: a retake shows its section as a colour negative
            with a 880 Hz tone (per --mode); text/image/audio-to-video give a pattern
            (or the image) at the asked size and rate. It has no network: inputs come
            by upload or data URI.

            Point ltx-prep at it:
              ltx-prep sandbox --port 8080 --api-key test &
              export LTXV_API_KEY=test LTX_API_BASE_URL=http://127.0.0.1:8080
              ltx-prep retake clip.mp4 --start 1 --duration 2 -o out.mp4

            Faults, for testing clients: --latency-ms, --script 429,529 (answer the
            first generation requests with these, in order, each with the API's
            error type: 400, 401, 402, 403, 404, 413, 422, 429 (the queue's
            rate_limit_error), 429c (concurrency_limit_error), 500, 503, 529),
            --fail-rate 0.2 (500/503
            at random), --drop-after-bytes N (cut result downloads short), and for v2
            jobs --poll-script, --result-script, --fail-jobs and --job-lifetime;
            --short-answers S ends each retake answer S seconds early.
            """
    )

    @Option(help: "Port to listen on; 0 picks a free one.") var port: Int = 8080
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The key it takes (default: $LTXV_API_KEY, else the word sandbox).") var apiKey: String?
    @Option(help: ArgumentHelp("An existing folder for uploads and results (default: a new one in /tmp, removed on exit).", valueName: "folder"))
    var storage: String?
    @Option(help: ArgumentHelp("Delay before every answer.", valueName: "ms")) var latencyMs: Int = 0
    @Option(help: ArgumentHelp("Answers to the first generation requests, in order.", valueName: "429,529...")) var script: String?
    @Option(help: ArgumentHelp("Retry-After on a 429.", valueName: "seconds")) var retryAfter: Int = 1
    @Option(help: ArgumentHelp("Share of generation requests answered 500 or 503.", valueName: "0...1")) var failRate: Double = 0
    @Option(help: ArgumentHelp("Cut result downloads after this many bytes.", valueName: "bytes")) var dropAfterBytes: Int?
    @Option(help: ArgumentHelp("Send results no faster than this.", valueName: "bytes")) var resultBytesPerSecond: Int?
    @Option(help: ArgumentHelp("Hold each paid request this long before answering it.", valueName: "ms")) var acceptDelayMs: Int = 0
    @Option(help: ArgumentHelp("How long an upload URL stays valid.", valueName: "seconds")) var uploadURLLifetime: Int = 3600
    @Option(help: ArgumentHelp("Answers to the first job polls, in order.", valueName: "503,500...")) var pollScript: String?
    @Option(help: ArgumentHelp("Answers to the first result downloads, in order.", valueName: "504...")) var resultScript: String?
    @Option(help: "What a v1 200 carries: the video, a link (JSON with video_url), or not-video (a body that is no video).")
    var answer: SandboxConfiguration.SyncAnswer = .video
    // Hidden: LTX's v1 generation routes as before their retirement, to try an older client (README).
    @Flag(help: .hidden) var serveRetiredV1 = false
    @Flag(help: "Every async job ends failed, with an error.") var failJobs = false
    @Option(help: ArgumentHelp("How long a finished job is kept; then polls get 404.", valueName: "seconds")) var jobLifetime: Double?
    @Option(help: ArgumentHelp("How long a v2 job stays processing.", valueName: "seconds")) var jobSeconds: Double = 0
    @Option(help: ArgumentHelp("Seconds a connection may read no request part and write no answer before it is closed.", valueName: "seconds"))
    var idleTimeout: Double = 60
    @Option(help: ArgumentHelp("Seconds a request's head may take to arrive, from the connection or the previous answer.", valueName: "seconds"))
    var headerTimeout: Double = 20
    @Option(help: ArgumentHelp("Retake answers end this many seconds before the video sent.", valueName: "seconds")) var shortAnswers: Double = 0

    func validate() throws {
        try Bounds.check("--port", port, 0...65535)
        try Bounds.check("--latency-ms", latencyMs, 0...60_000)
        try Bounds.check("--fail-rate", failRate, 0...1)
        try Bounds.check("--retry-after", retryAfter, 0...86_400, " seconds")
        try Bounds.check("--upload-url-lifetime", uploadURLLifetime, 0...604_800, " seconds")
        try Bounds.check("--job-seconds", jobSeconds, 0...86_400, " seconds")
        try Bounds.check("--job-lifetime", jobLifetime, 0...86_400, " seconds")
        try Bounds.check("--idle-timeout", idleTimeout, 0.001...86_400, " seconds")
        try Bounds.check("--header-timeout", headerTimeout, 0.001...86_400, " seconds")
        try Bounds.check("--drop-after-bytes", dropAfterBytes, 0...1_000_000_000_000)
        try Bounds.check("--short-answers", shortAnswers, 0...60, " seconds")
        try Bounds.check("--result-bytes-per-second", resultBytesPerSecond, 1...1_000_000_000_000)
        try Bounds.check("--accept-delay-ms", acceptDelayMs, 0...600_000)
        if let storage, !SandboxConfiguration.isFolder(storage) { throw ValidationError("--storage \(storage): not an existing folder") }
        if let script, SandboxConfiguration.faults(script) == nil {
            throw ValidationError("--script takes HTTP statuses (100 to 599, 429c for the concurrency limit) separated by commas, e.g. 429,529")
        }
        for (flag, value) in [("--poll-script", pollScript), ("--result-script", resultScript)] {
            if let value, SandboxConfiguration.statuses(value) == nil {
                throw ValidationError("\(flag) takes HTTP statuses (100 to 599) separated by commas, e.g. 429,503")
            }
        }
    }

    func run() async throws {
        guard let directory = storage ?? SandboxConfiguration.temporaryStorage() else { throw ValidationError("cannot make a storage folder under /tmp") }
        let statuses = { (script: String?) in script.flatMap(SandboxConfiguration.statuses) ?? [] }
        var settings = SandboxConfiguration(
            host: host, port: port, apiKey: apiKey ?? ClientConfiguration.processEnvironment["LTXV_API_KEY"] ?? "sandbox",
            storageDirectory: directory, removeStorageOnExit: storage == nil, latency: .milliseconds(latencyMs),
            script: script.flatMap(SandboxConfiguration.faults) ?? [], pollScript: statuses(pollScript), resultScript: statuses(resultScript),
            retryAfter: retryAfter, failureRate: failRate, failJobs: failJobs, dropAfterBytes: dropAfterBytes,
            uploadURLLifetime: .seconds(uploadURLLifetime), jobSeconds: .seconds(jobSeconds), jobLifetime: jobLifetime.map { .seconds($0) },
            syncAnswer: answer, idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout))
        settings.servesRetiredV1 = serveRetiredV1
        settings.shortAnswerSeconds = shortAnswers
        settings.resultBytesPerSecond = resultBytesPerSecond
        settings.acceptDelay = .milliseconds(acceptDelayMs)
        let configuration = settings
        try await Sandbox.run(configuration) { port in
            Console.out("ltx-prep sandbox: listening on http://\(configuration.host):\(port) (storage \(directory))")
            Console.flush()  // the port line must reach a pipe now: tests wait for it
        }
    }
}

extension SandboxConfiguration.SyncAnswer: ExpressibleByArgument {}
