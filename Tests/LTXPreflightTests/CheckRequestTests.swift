import LTXContract
import LTXMedia
import LTXPreflight
import Testing

/// Parameters that cannot be checked together are refused before any file
/// is read, in the words `check` and `fix` print.
@Suite struct CheckRequestTests {
    let section = RetakeSection(start: 1, duration: 2)

    @Test func whatGoesTogether() {
        for request in [CheckRequest(), CheckRequest(section: section, prompt: "rain"), CheckRequest(endpoint: .retake, section: section, prompt: "rain"),
                        CheckRequest(endpoint: .imageToVideo, delivery: .dataURI, maxBytes: 1)] {
            #expect(request.refusal == nil, "\(request)")
        }
    }

    @Test func whatDoesNot() {
        #expect(CheckRequest(endpoint: .retake, maxBytes: 0).refusal == "--max-bytes must be a positive number of bytes")
        #expect(CheckRequest(endpoint: .textToVideo).refusal == "--for takes retake, audio-to-video or image-to-video: text-to-video takes no file")
        #expect(CheckRequest(endpoint: .audioToVideo, section: section, prompt: "rain").refusal
                == "--start and --duration are retake parameters; they do not apply to --for audio-to-video")
        #expect(CheckRequest(endpoint: .imageToVideo, prompt: "rain").refusal
                == "--prompt is a retake parameter; it does not apply to --for image-to-video")
    }

    /// The first broken rule is the one named: the size limit before the endpoint.
    @Test func firstRefusalWins() {
        #expect(CheckRequest(endpoint: .textToVideo, maxBytes: -3).refusal == "--max-bytes must be a positive number of bytes")
    }
}
