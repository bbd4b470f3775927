import LTXClient
import LTXPreflight
import LTXWorkflow

/// Check, fix if needed, upload, retake 2 s of a clip and download the result.
func retake(_ clip: String, to output: String, environment: [String: String]) async throws -> Generated? {
    let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: environment)
    let job = GenerationJob.retake(input: clip, section: RetakeSection(start: 1, duration: 2),
                                   prompt: "the light flickers", output: output)
    let (events, outcome) = Generation.start(job, client: LTXAPIClient(configuration: configuration))
    for await event in events {
        if case .estimated(let price?) = event { print("estimated cost:", price) }
    }
    return try await outcome.value.generated
}
