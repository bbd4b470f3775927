import LTXContract
import LTXSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The v2 jobs: accepted at once, produced in the background (after
/// `jobSeconds` of `processing`), polled by id, results served from
/// `/results/{id}` without the key.
struct AsyncJobs: Sendable {
    let configuration: SandboxConfiguration
    let state: SandboxState

    func submit(_ endpoint: String, _ production: @escaping Production) async -> Job {
        let (id, record) = await state.newJob(endpoint: endpoint)
        let state = self.state
        let wait = configuration.jobSeconds
        let fail = configuration.failJobs
        Task {
            await state.updateJob(id) { $0.status = "processing" }
            if wait > .zero { try? await Task.sleep(for: wait) }
            if fail {
                await state.updateJob(id) { $0.status = "failed"; $0.error = .init(_type: "api_error", message: "the model could not render this request (sandbox --fail-jobs)"); $0.completedAt = .now }
                return
            }
            do throws(SandboxFailure) {
                let path = try await production()
                await state.updateJob(id) { $0.status = "completed"; $0.result = path; $0.completedAt = .now }
            } catch {
                await state.updateJob(id) { $0.status = "failed"; $0.error = .init(_type: error.type, message: error.message); $0.completedAt = .now }
            }
        }
        return Job(id: id, status: .pending, createdAt: record.createdAt)
    }

    func status(_ id: String, endpoint: String) async -> Job? {
        guard let record = await state.job(id), record.endpoint == endpoint else { return nil }
        if let lifetime = configuration.jobLifetime, let ended = record.completedAt,
           Date.now.timeIntervalSince(ended) > Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18 {
            return nil
        }
        let authority = await state.authority
        return Job(id: id, status: JobStatus(rawValue: record.status), createdAt: record.createdAt, completedAt: record.completedAt,
                   result: record.result.map { Self.result(endpoint: endpoint, url: "http://\(authority)/results/\(id)", path: $0) }, error: record.error)
    }

    /// Where a completed job's answer is: `video_url` for most; for HDR
    /// `exr_frames_url`, and `video_url` (its HLG video) when one was made (`Catalogue.HDR`).
    static func result(endpoint: String, url: String, path: String) -> Components.Schemas.JobResult {
        guard endpoint == Catalogue.HDR.route else { return .init(videoUrl: url) }
        return .init(videoUrl: LocalFiles.exists(Producers.hdrVideo(of: path)) ? url + "/video" : nil, exrFramesUrl: url)
    }

    /// The result file of a completed job.
    func resultPath(_ id: String) async -> String? { await state.job(id)?.result }
}
