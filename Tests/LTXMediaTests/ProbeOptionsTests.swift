import Testing
import LTXMedia

/// `--timeout` in seconds, as the probe takes it.
@Suite struct ProbeOptionsTests {
    @Test func secondsToTheMillisecond() {
        #expect(ProbeOptions(timeoutSeconds: 30).timeout == ProbeOptions().timeout)
        #expect(ProbeOptions(timeoutSeconds: 0.0015).timeout == .milliseconds(1))
        #expect(ProbeOptions(timeoutSeconds: 2.5).timeout == .milliseconds(2500))
        #expect(ProbeOptions(timeoutSeconds: 86_400).timeout == .seconds(86_400))
        #expect(ProbeOptions(timeoutSeconds: 5).aacReveal == .whenHidable)
    }

    /// What a Swift program passes unchecked never traps: the CLI's `--timeout inf` once did.
    @Test func everyDoubleIsATimeout() {
        #expect(ProbeOptions(timeoutSeconds: .infinity).timeout == .seconds(365 * 86_400))
        #expect(ProbeOptions(timeoutSeconds: 1e300).timeout == .seconds(365 * 86_400))
        #expect(ProbeOptions(timeoutSeconds: -3).timeout == .zero)
        #expect(ProbeOptions(timeoutSeconds: .nan).timeout == .zero)
    }
}
