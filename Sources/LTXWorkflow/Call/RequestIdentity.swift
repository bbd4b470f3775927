import LTXClient
import LTXContract
import LTXJournal
import LTXMedia

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What makes two paid requests the same: provider, base URL, endpoint, the
/// request's fields as the user gave them, and the SHA-256 of each input.
/// The inputs are hashed as given, before any fix: a fix is a function of
/// the input and the options (which the fields carry), and hashing first
/// lets a rerun resume without fixing or uploading anything.
struct RequestIdentity: Sendable {
    var fingerprint: String
    var request: String
    var inputs: String

    static func make(_ job: GenerationJob, baseURL: String) async throws(WorkflowError) -> RequestIdentity {
        var hashes: [(String, String)] = []
        for input in job.inputs {
            let path = input.path
            do throws(MediaError) {
                hashes.append((path, try await BlockingExecutor.run { () throws(MediaError) in try SHA256.file(path) }))
            } catch { throw .unusable(error.description) }
        }
        let placeholders = job.inputs.indices.map { "input:\($0)" }
        let request = (try? job.makeRequest(placeholders, []).json()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let inputs = "[" + hashes.map { #"{"path":\#(Self.quoted($0.0)),"sha256":"\#($0.1)"}"# }.joined(separator: ",") + "]"
        let path = job.makeRequest(placeholders, []).path
        // The part of the audio sent is not in the fields: it joins the identity
        // (only when given, so every other fingerprint stays as it was).
        let audioStart = job.fixOptions.audioStart.map { ["audio_start=\($0)"] } ?? []
        let identity = ([job.provider.rawValue, baseURL, path, request] + hashes.map(\.1) + audioStart).joined(separator: "\n")
        return RequestIdentity(fingerprint: SHA256.hex(Array(identity.utf8)), request: request, inputs: inputs)
    }

    static func quoted(_ s: String) -> String {
        (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
