import LTXClient
import LTXContract
import Testing

/// The one rule every job poll follows, without a server.
@Suite struct JobPollTests {
    @Test func queuedAndRunningJobsAreWaitedOnUnderTheirOwnStatus() {
        #expect(JobPoll.of(Job(id: "j", status: .pending), endpoint: .retake) == .waiting(status: "pending"))
        #expect(JobPoll.of(Job(id: "j", status: .processing), endpoint: .retake) == .waiting(status: "processing"))
        // A job answered without a status has not ended: it is looked at again, as pending.
        #expect(JobPoll.of(Job(id: "j"), endpoint: .retake) == .waiting(status: "pending"))
    }

    @Test func aCompletedJobEndsWithTheURLOfItsEndpointsAnswer() {
        let result = Components.Schemas.JobResult(videoUrl: "https://s/v.mp4", exrFramesUrl: "https://s/f.zip")
        #expect(JobPoll.of(Job(id: "j", status: .completed, result: result), endpoint: .retake) == .ended(.completed(resultURL: "https://s/v.mp4")))
        #expect(JobPoll.of(Job(id: "j", status: .completed, result: result), endpoint: .hdr) == .ended(.completed(resultURL: "https://s/f.zip")))
        // HDR's answer is its frames: a video alone is no answer for it.
        let videoOnly = Components.Schemas.JobResult(videoUrl: "https://s/v.mp4")
        #expect(JobPoll.of(Job(id: "j", status: .completed, result: videoOnly), endpoint: .hdr) == .ended(.completedWithoutResult))
        #expect(JobPoll.of(Job(id: "j", status: .completed), endpoint: .extend) == .ended(.completedWithoutResult))
    }

    @Test func aFailedJobEndsWithTheAPIsReason() {
        let failed = Job(id: "j", status: .failed, error: .init(_type: "content_policy", message: "refused"))
        #expect(JobPoll.of(failed, endpoint: .retake) == .ended(.failed(reason: "content_policy: refused")))
        #expect(JobPoll.of(Job(id: "j", status: .failed), endpoint: .retake) == .ended(.failed(reason: "no reason given")))
    }
}
