import ArgumentParser
import LTXClient
import LTXMedia
import LTXPreflight
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a file reaches the API.
enum DeliveryMode: String, ExpressibleByArgument, CaseIterable {
    case upload
    case dataURI = "data-uri"
    case url

    var delivery: Delivery {
        switch self {
        case .upload: .upload
        case .dataURI: .dataURI
        case .url: .url
        }
    }
}

/// A file made ready to send: the input itself when it conforms, else a
/// fixed copy beside the output (removed afterwards).
struct PreparedInput {
    var path: String
    var temporary: Bool
    var report: CheckReport
    var fix: FixOutcome?

    func discard() { if temporary { unlink(path) } }
}

/// The steps every API command takes.
enum APICall {
    static let marker = "@@LTX-PREP-INLINE@@"

    /// Checks `input`; when it breaks a rule, fixes it into a temporary file
    /// beside `output` and prints the plan.
    static func prepare(_ input: String, _ request: CheckRequest, beside output: String, json: Bool) async throws -> PreparedInput {
        let report: CheckReport
        do throws(MediaError) { report = try await Preflight.check(input, request) } catch {
            throw CommandFailure(error.description, status: .unusable)
        }
        if report.conformant { return PreparedInput(path: input, temporary: false, report: report) }
        if request.delivery == .url {
            // A fixed copy would stay here; the API fetches what the URL serves.
            let broken = report.findings.filter { $0.severity == .error }.map(\.rule.rawValue)
            throw CommandFailure("\(input): breaks \(broken.joined(separator: ", ")); with --deliver url the API fetches the file as it is: run ltx-prep fix, host its output, or deliver by upload",
                                 status: .unusable)
        }
        let slash = output.lastIndex(of: "/")
        let dir = slash.map { String(output[..<$0]) } ?? "."
        let temporary = "\(dir.isEmpty ? "/" : dir)/.ltx-prep-input-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        do throws(FixError) {
            let outcome = try await Fixer.fix(input, FixRequest(check: request, output: temporary, force: true))
            if !json { Console.note(FixPrinter.plan(input, outcome.plan)) }
            return PreparedInput(path: temporary, temporary: true, report: outcome.report, fix: outcome)
        } catch {
            throw CommandFailure(error.description, status: error.isCancelled ? .interrupted : .unusable)
        }
    }

    /// A URL the API will fetch `file` from: the documented address rules,
    /// then a `HEAD` for what the server says (status, redirect, size).
    /// Errors end the command; warnings are printed.
    static func checkURL(_ url: String, for file: PreparedInput, status: StatusLine) async throws {
        try enforce([URLRules.address(url)], url)
        status.show("asking \(url) for its size")
        let remote: RemoteFile
        do throws(ClientError) { remote = try await RemoteFileInspector.inspect(url) } catch { throw CommandFailure(error) }
        status.clear()
        try enforce(URLRules.remote(remote, kind: file.report.media.kind, localSize: file.report.media.sizeBytes), url)
    }

    private static func enforce(_ findings: [Finding], _ url: String) throws {
        for f in findings where f.severity == .warning {
            Console.note("warning: \(url): \(f.rule.rawValue): \(f.actual); \(f.fix ?? f.required)")
        }
        if let f = findings.first(where: { $0.severity == .error }) {
            throw CommandFailure("\(url): \(f.rule.rawValue): \(f.actual), needs \(f.required)" + (f.fix.map { "; \($0)" } ?? ""),
                                 status: .unusable)
        }
    }

    /// The URI to put in the request: uploaded, the marker for a streamed
    /// data URI, or the URL given.
    static func deliver(_ file: PreparedInput, mode: DeliveryMode, url: String?, client: LTXAPIClient,
                        status: StatusLine) async throws -> String {
        switch mode {
        case .upload:
            status.show("uploading")
            do throws(ClientError) {
                let uploaded = try await client.upload(file: file.path, contentType: file.report.media.container.mimeType) { sent, total in
                    status.show("uploading \(Bytes.mb(sent)) of \(Bytes.mb(total))")
                }
                return uploaded.ticket.storageURI
            } catch { throw CommandFailure(error) }
        case .dataURI:
            return marker
        case .url:
            guard let url else { throw CommandFailure("--deliver url needs --url https://...", status: .unusable) }
            try await checkURL(url, for: file, status: status)
            return url
        }
    }

    /// A small file as a whole `data:` URI (images, at most 7 MB encoded).
    static func inlineDataURI(_ file: PreparedInput) throws -> String {
        guard let data = FileManagerless.read(file.path) else { throw CommandFailure("\(file.path): cannot read", status: .unusable) }
        return "data:\(file.report.media.container.mimeType);base64," + data.base64EncodedString()
    }

    /// POSTs `body` (streaming `inline` as a data URI where the marker is)
    /// and downloads the result to `output`, with Ctrl-C as cancellation.
    static func run<Body: Encodable & Sendable>(_ path: String, body: Body, inline: PreparedInput?, output: String,
                                                client: LTXAPIClient, status: StatusLine) async throws -> Generated {
        let task = Task { () async -> Result<Generated, ClientError> in
            do throws(ClientError) {
                status.show("waiting for the result")
                let progress: @Sendable (Int64, Int64?) -> Void = { got, total in
                    status.show("downloading \(Bytes.mb(got))" + (total.map { " of \(Bytes.mb($0))" } ?? ""))
                }
                if let inline {
                    return .success(try await client.generate(path, body: body, inlining: inline.path,
                                                              mimeType: inline.report.media.container.mimeType,
                                                              marker: marker, to: output, progress: progress))
                }
                return .success(try await client.generate(path, body: body, to: output, progress: progress))
            } catch { return .failure(error) }
        }
        let result = await awaitCancellingOnInterrupt(task)
        status.clear()
        switch result {
        case .success(let generated): return generated
        case .failure(let error): throw CommandFailure(error)
        }
    }

    /// Refuses to overwrite the input, or an existing output without --force.
    static func checkOutput(_ output: String, inputs: [String], force: Bool) throws {
        for input in inputs where input == output {
            throw CommandFailure("\(output): is an input; name another output", status: .unusable)
        }
        var st = stat()
        if stat(output, &st) == 0 && !force {
            throw CommandFailure("\(output): already exists (use --force to replace it)", status: .unusable)
        }
    }

    /// The result: one JSON object, or a line naming the file and the request id.
    static func report(_ result: Generated, output: String, json: Bool, fix: FixPlan? = nil,
                       window: FixOutcome.WindowMapping? = nil, note: String? = nil) {
        if json { return Console.out(JSONOutput.line(CallResult(generated: result, fix: fix, window: window))) }
        Console.out("wrote \(output): \(result.bytes) bytes" + (result.requestID.map { ", x-request-id \($0)" } ?? "")
                    + (note.map { "\n  \($0)" } ?? ""))
    }

    static func printRequest<Body: Encodable>(_ path: String, _ body: Body) {
        Console.out("dry run: would POST \(path) " + JSONOutput.line(body).replacingMarker(with: "<the file, as a data URI>"))
    }
}

extension String {
    func replacingMarker(with text: String) -> String {
        guard let r = firstRange(of: APICall.marker) else { return self }
        return self[..<r.lowerBound] + text + self[r.upperBound...]
    }
}

extension FixError {
    var isCancelled: Bool { if case .cancelled = self { true } else { false } }
}

/// One line of status on stderr, redrawn in place; nothing on a pipe.
final class StatusLine: Sendable {
    private let enabled: Bool
    private let last = Mutex<Double>(0)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let now = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        let draw = last.withLock { t -> Bool in
            guard now - t >= 0.1 else { return false }
            t = now
            return true
        }
        if draw { Console.prompt("\r\u{1B}[K" + text) }
    }

    func clear() { if enabled { Console.prompt("\r\u{1B}[K") } }
}

enum Bytes {
    static func mb(_ n: Int64) -> String { "\((Double(n) / 1e5).rounded() / 10) MB" }
}

/// Reads a small file whole (images for inline data URIs).
enum FileManagerless {
    static func read(_ path: String) -> Data? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 { data.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { break }
        }
        return data
    }
}
