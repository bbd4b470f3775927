import LTXContract
import LTXMedia
import LTXPreflight
import Testing

/// Parameters that cannot be checked together are refused before any file
/// is read, each refusal a case (`check` and `fix` name their flags for it).
@Suite struct CheckRequestTests {
    let section = RetakeSection(start: 1, duration: 2)

    @Test func whatGoesTogether() {
        for request in [CheckRequest(), CheckRequest(section: section, prompt: "rain"), CheckRequest(endpoint: .retake, section: section, prompt: "rain"),
                        CheckRequest(endpoint: .imageToVideo, delivery: .dataURI, maxBytes: 1)] {
            #expect(request.refusal == nil, "\(request)")
        }
    }

    @Test func whatDoesNot() {
        #expect(CheckRequest(endpoint: .retake, maxBytes: 0).refusal == .sizeLimitNotPositive)
        #expect(CheckRequest(endpoint: .textToVideo).refusal == .takesNoFile(.textToVideo))
        // extend's rules are those of the context it cuts: a whole file is not checked as one.
        #expect(CheckRequest(endpoint: .extend).refusal == .takesNoFile(.extend))
        #expect(CheckRequest(endpoint: .reframe).refusal == nil)
        #expect(CheckRequest(endpoint: .audioToVideo, section: section, prompt: "rain").refusal == .sectionNotTaken(.audioToVideo))
        #expect(CheckRequest(endpoint: .imageToVideo, prompt: "rain").refusal == .promptNotTaken(.imageToVideo))
        // The library's words name no CLI flag: `check` and `fix` say those.
        #expect(CheckRequest(endpoint: .imageToVideo, prompt: "rain").refusal?.description == "a prompt is a retake parameter; it does not apply to image-to-video")
    }

    /// The first broken rule is the one named: the size limit before the endpoint.
    @Test func firstRefusalWins() {
        #expect(CheckRequest(endpoint: .textToVideo, maxBytes: -3).refusal == .sizeLimitNotPositive)
    }
}
