import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import LTXSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file made ready to send: the input itself when it conforms, else a
/// fixed copy beside the output (removed by `discard`).
public struct PreparedInput: Sendable {
    /// The file to send.
    public var path: String
    public var temporary: Bool
    /// The check of what is sent: the input's, or the fixed copy's.
    public var report: CheckReport
    public var fix: FixOutcome?

    public func discard() { if temporary { try? LocalFiles.remove(path) } }

    public var mimeType: String { report.media.container.mimeType }

    /// The part of the input this file is: the window cut, else all of it.
    public var sentWindow: SentWindowSpan {
        if let w = fix?.window { return SentWindowSpan(inputStart: w.inputStart, duration: w.duration) }
        let media = report.media
        return SentWindowSpan(inputStart: 0, duration: media.primaryVideo?.duration ?? media.primaryAudio?.duration ?? media.duration ?? 0)
    }

    /// Checks `input` (its one probe); when it breaks a rule, fixes it into
    /// a temporary file beside `output` from that same check. Where the
    /// delivery cannot change (`deliveryCanChange` false: Segmind takes no
    /// upload), a file too big for it is re-encoded to fit.
    public static func prepare(_ input: String, _ request: CheckRequest, beside output: String, options: FixOptions = FixOptions(),
                               deliveryCanChange: Bool = true, events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> PreparedInput {
        let report: CheckReport
        do throws(MediaError) { report = try await Preflight.check(input, request) } catch {
            throw .unreadable(error)
        }
        if report.conformant && options.window == nil { return PreparedInput(path: input, temporary: false, report: report) }
        // No file fix can mend the request itself (a prompt too long, a section out of range);
        // a window cut from a file too big to send is judged by its own size.
        let requestErrors = FixPlanner.requestErrors(report, options: options, deliveryCanChange: deliveryCanChange)
        if !requestErrors.isEmpty {
            throw .breaksRequest(path: input, findings: requestErrors)
        }
        if request.delivery == .url {
            // A fixed copy would stay here; the API fetches what the URL serves.
            let broken = report.findings.filter { $0.severity == .error }.map(\.rule.rawValue)
            throw .urlServesUnfixed(path: input, rules: broken)
        }
        let temporary = OutputFile.temporaryPath(beside: output.isEmpty ? "./input" : output, suffix: "input")
        do throws(FixError) {
            let fixRequest = FixRequest(check: request, output: temporary, force: true, options: options, checkExtension: false)
            let plan = try Fixer.plan(report, fixRequest)
            events(.fixPlanned(input: input, plan))
            let outcome = try await Fixer.fix(report, fixRequest, plan: plan) { events(.fixing(input: input, $0)) }
            return PreparedInput(path: temporary, temporary: true, report: outcome.report, fix: outcome)
        } catch {
            try? LocalFiles.remove(temporary)
            if case .cancelled = error { throw .cancelled }
            throw .unfixable(error)
        }
    }

    /// A URL the API will fetch this file from: the documented address rules,
    /// then a `HEAD` for what the server says (status, redirect, size).
    public func checkURL(_ url: String, events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) {
        try Self.enforce([URLRules.address(url)], url, events)
        events(.checkingURL(url))
        let remote: RemoteFile
        do throws(ClientError) { remote = try await RemoteFileInspector.inspect(url) } catch { throw .client(error) }
        try Self.enforce(URLRules.remote(remote, kind: report.media.kind, localSize: report.media.sizeBytes), url, events)
    }

    private static func enforce(_ findings: [Finding], _ url: String, _ events: (WorkflowEvent) -> Void) throws(WorkflowError) {
        for f in findings where f.severity == .warning {
            events(.warning("\(url): \(f.rule.rawValue): \(f.actual); \(f.fix ?? f.required)"))
        }
        if let f = findings.first(where: { $0.severity == .error }) {
            throw .badURL(url: url, finding: f)
        }
    }

    /// The URI to put in the request: the storage URI after an upload, the
    /// URL given, or `InlineFile.marker` for a data URI streamed at send time.
    public func deliver(_ delivery: Delivery, url: String?, client: LTXAPIClient,
                        events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> String {
        switch delivery {
        case .upload:
            do throws(ClientError) {
                let uploaded = try await client.upload(file: path, contentType: mimeType) { sent, total in
                    events(.uploading(sent: sent, total: total))
                }
                return uploaded.ticket.storageUri
            } catch { throw .client(error) }
        case .dataURI:
            return InlineFile.marker
        case .url:
            guard let url else { throw .urlMissing }
            try await checkURL(url, events: events)
            return url
        }
    }

    /// The file as a whole `data:` URI, for a small second input (an image of
    /// at most 7 MB encoded) beside one that streams.
    public func dataURI() throws(WorkflowError) -> String {
        guard let bytes = try? WholeFile.bytes(path) else { throw .cannotRead(path: path, reason: "cannot read") }
        return "data:\(mimeType);base64," + Data(bytes).base64EncodedString()
    }
}
