import ArgumentParser
import LTXClient
import LTXSandbox

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local server that speaks the LTX API (and Segmind's retake), for tests and offline work.",
        discussion: """
            Same routes, auth, JSON fields, validation (by the rules `ltx-prep check` applies), \
            error bodies, status codes and x-request-id as the documented API, with upload URLs \
            that expire and demand their required header. It answers with real MP4s made here: \
            a retake shows its section as a colour negative with a 880 Hz tone (per --mode); \
            text/image/audio-to-video give a pattern (or the image) at the asked size and rate.
            It has no network: inputs come by upload or data URI.

            Point ltx-prep at it:
              ltx-prep sandbox --port 8080 --api-key test &
              LTXV_API_KEY=test LTX_API_BASE_URL=http://127.0.0.1:8080 ltx-prep retake clip.mp4 --start 1 --duration 2 -o out.mp4

            Faults, for testing clients: --latency-ms, --script 429,503 (answer the first
            generation requests with these, in order), --fail-rate 0.2 (500/503 at random),
            --drop-after-bytes N (cut result downloads short).
            """
    )

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("api-key"), help: "The key it accepts (default: LTXV_API_KEY, else 'sandbox').")
    var apiKey: String?

    @Option(help: "Folder for uploads and results, which must exist (default: a new folder under /tmp, removed on exit).")
    var storage: String?

    @Option(name: .customLong("latency-ms"), help: "Delay before every answer, in milliseconds.")
    var latencyMs: Int = 0

    @Option(help: "Statuses for the first generation requests, in order: e.g. 429,503.")
    var script: String?

    @Option(name: .customLong("retry-after"), help: "Seconds in Retry-After on a 429.")
    var retryAfter: Int = 1

    @Option(name: .customLong("fail-rate"), help: "Share (0 to 1) of generation requests answered 500 or 503.")
    var failRate: Double = 0

    @Option(name: .customLong("drop-after-bytes"), help: "Close result downloads after this many bytes.")
    var dropAfterBytes: Int?

    @Option(name: .customLong("upload-url-lifetime"), help: "Seconds an upload URL stays valid.")
    var uploadURLLifetime: Int = 3600

    @Option(name: .customLong("poll-script"), help: "Statuses for the first job polls, in order: e.g. 503,500.")
    var pollScript: String?

    @Option(name: .customLong("result-script"), help: "Statuses for the first result downloads, in order: e.g. 504.")
    var resultScript: String?

    @Option(help: "How a v1 200 carries the video: video (the bytes), link (JSON with video_url) or not-video (a body that is no video).")
    var answer: SandboxConfiguration.SyncAnswer = .video

    @Flag(name: .customLong("fail-jobs"), help: "Every async job ends failed, with an error.")
    var failJobs = false

    @Option(name: .customLong("job-lifetime"), help: ArgumentHelp("Seconds a finished job is kept before polls get 404.", valueName: "seconds"))
    var jobLifetime: Double?

    @Option(name: .customLong("job-seconds"), help: ArgumentHelp("Seconds an async (v2) job stays processing before it completes.", valueName: "seconds"))
    var jobSeconds: Double = 0

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a connection may read no request part and write no answer before it is closed.", valueName: "seconds"))
    var idleTimeout: Double = 60

    @Option(name: .customLong("header-timeout"), help: ArgumentHelp("Seconds a request's head may take to arrive, from the connection or the previous answer.", valueName: "seconds"))
    var headerTimeout: Double = 20

    func validate() throws {
        for (flag, value) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout)] where !(value.isFinite && value > 0 && value <= 86_400) {
            throw ValidationError("\(flag) must be more than 0 and at most 86400 seconds")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard jobSeconds.isFinite, (0...86_400).contains(jobSeconds) else { throw ValidationError("--job-seconds must be from 0 to 86400") }
        guard (0...604_800).contains(uploadURLLifetime) else { throw ValidationError("--upload-url-lifetime must be from 0 to 604800 seconds") }
        guard (0...60_000).contains(latencyMs) else { throw ValidationError("--latency-ms must be from 0 to 60000") }
        guard (0...86_400).contains(retryAfter) else { throw ValidationError("--retry-after must be from 0 to 86400 seconds") }
        if let dropAfterBytes, dropAfterBytes < 0 { throw ValidationError("--drop-after-bytes must be 0 or more") }
        if let storage {
            var st = stat()
            guard stat(storage, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                throw ValidationError("--storage \(storage): not an existing folder")
            }
        }
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be from 0 to 1") }
        for (flag, value) in [("--script", script), ("--poll-script", pollScript), ("--result-script", resultScript)] {
            if let value, Self.statuses(value) == nil {
                throw ValidationError("\(flag) takes HTTP statuses (100 to 599) separated by commas, e.g. 429,503")
            }
        }
        if let jobLifetime, !(jobLifetime.isFinite && jobLifetime >= 0 && jobLifetime <= 86_400) {
            throw ValidationError("--job-lifetime must be from 0 to 86400 seconds")
        }
    }

    func run() async throws {
        let directory: String
        if let storage {
            directory = storage
        } else {
            var template = Array("/tmp/ltx-sandbox-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw ValidationError("cannot make a storage folder under /tmp") }
            directory = String(cString: made)
        }
        let key = apiKey ?? ClientConfiguration.processEnvironment["LTXV_API_KEY"] ?? "sandbox"
        var configuration = SandboxConfiguration(
            host: host, port: port, apiKey: key, storageDirectory: directory, latency: .milliseconds(latencyMs),
            script: script.flatMap(Self.statuses) ?? [],
            retryAfter: retryAfter, failureRate: failRate, dropAfterBytes: dropAfterBytes,
            uploadURLLifetime: .seconds(uploadURLLifetime), jobSeconds: .milliseconds(Int64(jobSeconds * 1000)))
        configuration.removeStorageOnExit = storage == nil
        configuration.pollScript = pollScript.flatMap(Self.statuses) ?? []
        configuration.resultScript = resultScript.flatMap(Self.statuses) ?? []
        configuration.failJobs = failJobs
        configuration.syncAnswer = answer
        configuration.jobLifetime = jobLifetime.map { .milliseconds(Int64($0 * 1000)) }
        configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        configuration.headerTimeout = .milliseconds(Int64(headerTimeout * 1000))
        let address = host
        try await Sandbox.run(configuration) { port in
            Console.out("ltx-prep sandbox: listening on http://\(address):\(port) (storage \(directory))")
            fflushStdout()
        }
    }
}

extension SandboxCommand {
    static func statuses(_ list: String) -> [Int]? {
        let parsed = list.split(separator: ",").map { Int($0.trimmingCharacters) }
        guard parsed.allSatisfy({ $0.map { (100...599).contains($0) } ?? false }) else { return nil }
        return parsed.compactMap { $0 }
    }
}

extension SandboxConfiguration.SyncAnswer: ExpressibleByArgument {}

private extension Substring {
    var trimmingCharacters: String { String(self.filter { $0 != " " }) }
}

func fflushStdout() { fflush(nil) }
