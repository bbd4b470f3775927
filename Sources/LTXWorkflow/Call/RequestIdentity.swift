import LTXClient
import LTXContract
import LTXJournal
import LTXMedia
import LTXPreflight

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What makes two paid requests the same: provider, base URL, endpoint, the
/// request's fields as the user gave them, the SHA-256 of each input, and
/// the options that shape the file sent from it. The inputs are hashed as
/// given, before any fix: a fix is a function of the input and those
/// options, and hashing first lets a rerun resume without fixing or
/// uploading anything.
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
            } catch { throw .unreadable(error) }
        }
        let placeholders = job.inputs.indices.map { "input:\($0)" }
        let request = (try? job.makeRequest(placeholders, []).json()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let inputs = "[" + hashes.map { #"{"path":\#(Self.quoted($0.0)),"sha256":"\#($0.1)"}"# }.joined(separator: ",") + "]"
        let path = job.makeRequest(placeholders, []).path
        let identity = ([job.provider.rawValue, baseURL, path, request] + hashes.map(\.1) + sentPart(job.fixOptions)).joined(separator: "\n")
        return RequestIdentity(fingerprint: SHA256.hex(Array(identity.utf8)), request: request, inputs: inputs)
    }

    /// What the request's fields do not carry of the file sent: the part of
    /// the audio, a whole-video retake's window (the same section sent with
    /// more context is another request, whose answer lies elsewhere on the
    /// input's timeline), and the encoder's settings. Each only when it is
    /// not the default, so the fingerprints of requests without it stay as
    /// they were.
    static func sentPart(_ options: FixOptions) -> [String] {
        let defaults = FixOptions()
        var lines: [String] = []
        if let start = options.audioStart { lines.append("audio_start=\(start)") }
        if let sent = options.window, sent.cuts {
            lines.append("window=\(sent.span.start)+\(sent.span.duration)" + (sent.exact ? " exact" : ""))
        }
        if let canvas = options.window?.canvas { lines.append("canvas=\(canvas.width)x\(canvas.height)") }
        if options.crf != defaults.crf || options.preset != defaults.preset { lines.append("encoder=crf \(options.crf) \(options.preset)") }
        return lines
    }

    static func quoted(_ s: String) -> String {
        (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
