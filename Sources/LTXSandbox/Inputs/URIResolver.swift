import LTXContract
import LTXMedia
import LTXPreflight
import LTXSystem
import NIOFileSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request's media, on disk here.
struct ResolvedInput: Sendable {
    var path: String
    var temporary: Bool
    func discard() { if temporary { try? LocalFiles.remove(path) } }
}

/// Turns a request's `*_uri` into a file: `ltx://uploads/ID` (uploaded
/// here) or a `data:` URI within its documented size. The sandbox has no
/// network, so https URLs are refused. Then checks it by LTXPreflight, so a
/// file `ltx-prep check` accepts is accepted here.
struct URIResolver: Sendable {
    let configuration: SandboxConfiguration
    let state: SandboxState

    func resolve(_ uri: String, field: String, kind: MediaInfo.Kind) async throws(SandboxFailure) -> ResolvedInput {
        if uri.hasPrefix("ltx://uploads/") {
            guard let path = await state.stored(String(uri.dropFirst("ltx://uploads/".count))) else {
                throw .invalid("\(field): unknown storage URI, or its upload did not complete")
            }
            return ResolvedInput(path: path, temporary: false)
        }
        if uri.hasPrefix("data:") {
            guard let comma = uri.firstIndex(of: ","), uri[..<comma].hasSuffix(";base64") else {
                throw .invalid("\(field): a data URI must be data:<mime type>;base64,<data>")
            }
            let maximum = Delivery.dataURI.limit(for: kind).bytes
            guard Int64(uri.utf8.count) <= maximum else {
                throw .invalid("\(field): the data URI is \(uri.utf8.count) bytes; at most \(maximum) are allowed")
            }
            guard let data = Data(base64Encoded: String(uri[uri.index(after: comma)...])) else {
                throw .invalid("\(field): the data URI is not valid base64")
            }
            let path = "\(configuration.storageDirectory)/inline-\(await state.uniqueName())"
            do {
                try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path), options: .newFile(replaceExisting: true)) { handle in
                    _ = try await handle.write(contentsOf: data, toAbsoluteOffset: 0)
                }
            } catch {
                throw .server("could not store the data URI")
            }
            return ResolvedInput(path: path, temporary: true)
        }
        if uri.hasPrefix("https://") || uri.hasPrefix("http://") {
            throw .invalid("\(field): the sandbox has no network; upload the file (POST /v1/upload) or send a data URI")
        }
        throw .invalid("\(field) must be an ltx:// storage URI, an https URL or a data URI")
    }

    /// The same rules `ltx-prep check` applies.
    func validate(_ input: ResolvedInput, _ request: CheckRequest, field: String) async throws(SandboxFailure) -> CheckReport {
        let report: CheckReport
        do throws(MediaError) { report = try await Preflight.check(input.path, request) } catch {
            throw .invalid("\(field): \(error.message)")
        }
        guard report.conformant else {
            let reasons = report.problems.filter { $0.severity == .error }
                .map { "\($0.rule.rawValue): \($0.actual) (required: \($0.required))" }
            throw .invalid("\(field): " + reasons.joined(separator: "; "))
        }
        return report
    }

    /// Resolves and validates; the file is discarded if it fails.
    func accept(_ uri: String, field: String, kind: MediaInfo.Kind, _ request: CheckRequest) async throws(SandboxFailure) -> (ResolvedInput, CheckReport) {
        let input = try await resolve(uri, field: field, kind: kind)
        do throws(SandboxFailure) {
            return (input, try await validate(input, request, field: field))
        } catch {
            input.discard()
            throw error
        }
    }
}
