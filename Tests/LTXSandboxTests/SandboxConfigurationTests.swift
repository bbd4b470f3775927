import LTXSandbox
import Testing

/// The sandbox's settings through its one initializer, as `ltx-prep sandbox` builds them.
@Suite struct SandboxConfigurationTests {
    @Test func everySettingLandsWhereItIsNamed() {
        let c = SandboxConfiguration(
            host: "0.0.0.0", port: 8080, apiKey: "k", storageDirectory: "/s", removeStorageOnExit: true, latency: .milliseconds(5),
            script: [429], pollScript: [503, 500], resultScript: [504], retryAfter: 7, failureRate: 0.25, failJobs: true, dropAfterBytes: 100,
            uploadURLLifetime: .seconds(60), jobSeconds: .milliseconds(1500), jobLifetime: .seconds(30), syncAnswer: .link,
            idleTimeout: .seconds(9), headerTimeout: .seconds(3))
        #expect(c.host == "0.0.0.0" && c.port == 8080 && c.apiKey == "k" && c.storageDirectory == "/s" && c.removeStorageOnExit)
        #expect(c.latency == .milliseconds(5) && c.script == [429] && c.pollScript == [503, 500] && c.resultScript == [504])
        #expect(c.retryAfter == 7 && c.failureRate == 0.25 && c.failJobs && c.dropAfterBytes == 100)
        #expect(c.uploadURLLifetime == .seconds(60) && c.jobSeconds == .milliseconds(1500) && c.jobLifetime == .seconds(30))
        #expect(c.syncAnswer == .link && c.idleTimeout == .seconds(9) && c.headerTimeout == .seconds(3))
    }

    /// What is not given is normal service on a free loopback port.
    @Test func unnamedSettingsAreNormalService() {
        let c = SandboxConfiguration(apiKey: "k", storageDirectory: "/s")
        #expect(c.host == "127.0.0.1" && c.port == 0 && !c.removeStorageOnExit && c.latency == .zero)
        #expect(c.script.isEmpty && c.pollScript.isEmpty && c.resultScript.isEmpty && c.retryAfter == 1 && c.failureRate == 0)
        #expect(!c.failJobs && c.dropAfterBytes == nil && c.uploadURLLifetime == .seconds(3600) && c.jobSeconds == .zero)
        #expect(c.jobLifetime == nil && c.syncAnswer == .video && c.idleTimeout == .seconds(60) && c.headerTimeout == .seconds(20))
    }

    /// A fault script as written on a command line; nil unless every item is an HTTP status.
    @Test func statusScripts() {
        #expect(SandboxConfiguration.statuses("429, 503") == [429, 503])
        #expect(SandboxConfiguration.statuses("504") == [504])
        for bad in ["429,99", "600", "abc", "429,x"] { #expect(SandboxConfiguration.statuses(bad) == nil, "\(bad)") }
    }

    /// `--script` also names the concurrency limit's 429 as 429c (only 429 takes the c).
    @Test func faultScripts() {
        #expect(SandboxConfiguration.faults("429, 429c,529") == [429, SandboxFault(status: 429, concurrency: true), 529])
        for bad in ["503c", "c", "429cc", "600", "429,x"] { #expect(SandboxConfiguration.faults(bad) == nil, "\(bad)") }
    }
}
