import LTXClient
import LTXContract
import LTXPreflight
import Testing
import LTXWorkflow

/// audio-to-video as a job, from the audio, a prompt and an image: what
/// `ltx-prep audio-to-video` and a batch's audio-to-video line send.
@Suite struct AudioToVideoJobTests {
    @Test func audioImageAndPrompt() throws {
        let job = GenerationJob.audioToVideo(audio: "voice.wav", image: "face.png", prompt: "she speaks", delivery: .dataURI, output: "talk.mp4",
                                             fixOptions: FixOptions(audioStart: 4))
        #expect(job.endpoint == .audioToVideo && job.provider == .ltx && job.output == "talk.mp4" && job.fixOptions.audioStart == 4)
        #expect(job.inputs.map(\.path) == ["voice.wav", "face.png"])
        // The default model (ltx-2-3-pro) at 1080p takes 20 s of audio.
        #expect(job.inputs.allSatisfy { $0.delivery == .dataURI && $0.check == CheckRequest(endpoint: .audioToVideo, delivery: .dataURI, maxAudioSeconds: 20) })
        #expect(job.fixOptions.maxAudioSeconds == 20)
        guard case .audioToVideo(let body) = job.makeRequest(["data:audio", "data:image"], []) else { Issue.record("not audio-to-video"); return }
        #expect(body == AudioToVideoRequest(audioUri: "data:audio", imageUri: "data:image", prompt: "she speaks"))
    }

    /// No image: one input, and the body names none.
    @Test func audioAndPromptOnly() throws {
        let job = GenerationJob.audioToVideo(audio: "voice.wav", image: nil, prompt: "rain", output: "out.mp4")
        #expect(job.inputs.map(\.path) == ["voice.wav"] && job.inputs.first?.delivery == .upload && job.fixOptions == FixOptions(maxAudioSeconds: 20))
        guard case .audioToVideo(let body) = job.makeRequest(["ltx://a"], []) else { Issue.record("not audio-to-video"); return }
        #expect(body == AudioToVideoRequest(audioUri: "ltx://a", prompt: "rain"))
    }
}
