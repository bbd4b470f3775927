import LTXClient
import LTXWorkflow

/// Add 3 s after the end of a clip and get the whole clip back, the extension joined on.
func extendClip(_ clip: String, to output: String, environment: [String: String]) async throws -> ExtendOutcome {
    let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: environment)
    let request = WholeExtendRequest(input: clip, duration: 3, prompt: "the camera keeps panning", output: output)
    return try await WholeExtend.run(request, client: LTXAPIClient(configuration: configuration), approve: { price in
        print("estimated cost:", price.map(\.description) ?? "price unknown")
    })
}
