import LTXClient
import LTXWorkflow

/// Reframe a landscape clip to 9:16: every frame back at 1080x1920, its own audio under it.
func reframe(_ clip: String, to output: String, environment: [String: String]) async throws -> ReframeOutcome.Written? {
    let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: environment)
    let job = ReframeJob(input: clip, resolution: ReframeJob.defaultResolution(aspect: "9:16") ?? "1080x1920", output: output)
    let outcome = try await Reframe.run(job, client: LTXAPIClient(configuration: configuration), events: { event in
        if case .estimated(let price) = event { print("estimated cost:", price.map { "\($0)" } ?? "price unknown") }
    })
    return outcome.written
}
