import LTXClient
import LTXWorkflow

/// An HDR10 version of an SDR clip: sent in pieces, the EXR frames assembled, the audio copied.
func makeHDR(_ clip: String, to output: String, environment: [String: String]) async throws -> HDROutcome {
    let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: nil, baseURL: nil, environment: environment)
    let outcome = try await HDR.run(HDRJob(input: clip, output: output), client: LTXAPIClient(configuration: configuration))
    print(outcome.plan.pieces.count, "pieces;", outcome.written?.colorTransfer ?? "nothing written")
    return outcome
}
