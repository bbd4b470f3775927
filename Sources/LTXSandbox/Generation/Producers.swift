import LTXContract
import LTXMedia
import LTXPreflight
import LTXSystem

/// Makes a validated request's answer: a real MP4 written here. Validation
/// happens first, so a bad request is answered before any work is queued;
/// the work itself runs when the returned closure is called (at once for v1,
/// in the background for a v2 job).
typealias Production = @Sendable () async throws(SandboxFailure) -> String

struct Producers: Sendable {
    /// The answer made by `job` from `input` (removed after), its output
    /// removed if it fails: what a retake's and an extend's answers share.
    static func transcoding(_ job: TranscodeJob, from input: ResolvedInput) -> Production {
        { () async throws(SandboxFailure) -> String in
            defer { input.discard() }
            do throws(MediaError) { _ = try await Transcoder.run(job) } catch {
                try? LocalFiles.remove(job.output)
                throw .server(error.message)
            }
            return job.output
        }
    }

    let configuration: SandboxConfiguration
    let state: SandboxState
    let resolver: URIResolver

    /// A prompt with this word is refused as the API refuses unsafe content (422), every time.
    static let filteredWord = "FILTERED"

    static func screen(_ prompt: String?) throws(SandboxFailure) {
        if prompt?.contains(filteredWord) == true { throw SandboxFailure.fault(422, retryAfter: 0) }
    }

    /// The catalogue's models for `endpoint`, as the API answers since
    /// 2026-08-15: a removed model is a 400 naming its replacement, and so is
    /// any model the endpoint does not take (the sandbox is the catalogue's
    /// API: it knows no model newer than it). Nil sends the endpoint's default.
    static func accept(model: String?, for endpoint: Endpoint) throws(SandboxFailure) {
        guard let model else {
            if Catalogue.entry(endpoint).modelRequired { throw .invalid("model is required") }
            return
        }
        let accepted = Catalogue.entry(endpoint).models
        if accepted.contains(model) { return }
        if let removed = Catalogue.removed(model) {
            throw .invalid("model \(model) was removed on \(removed.removed) and is no longer supported; use \(accepted.contains(removed.replacement) ? removed.replacement : Catalogue.defaultModel(endpoint))")
        }
        throw .invalid("model must be one of \(accepted.joined(separator: ", ")) for \(endpoint.rawValue)")
    }

    func resultPath() async -> String { "\(configuration.storageDirectory)/result-\(await state.uniqueName()).mp4" }

    static func produce(_ spec: PatternClipSpec) async throws(SandboxFailure) -> String {
        do throws(MediaError) {
            _ = try await BlockingExecutor.run { () throws(MediaError) in try PatternClip.write(spec) }
        } catch {
            try? LocalFiles.remove(spec.output)
            throw .server(error.message)
        }
        return spec.output
    }
}
