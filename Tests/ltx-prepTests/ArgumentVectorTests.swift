import Testing

/// The binary sees its arguments exactly as given: the release build hands the Swift
/// runtime argv from glibc (Sources/CCommandLine) instead of the runtime finding it on the
/// stack. Run with LTX_PREP_BIN set to `.build/release/ltx-prep` to test that build.
@Suite struct ArgumentVectorTests {
    @Test func everyArgumentArrivesWhole() async throws {
        let odd = ["", "two words", "ünï/cöde.mp4", "-not-a-flag"]
        let many = (1...300).map { "missing-\($0).mp4" }
        let out = try await BinaryRunner.run(["probe", "--"] + odd + many)
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr == (odd + many).map { "ltx-prep: \($0): no such file\n" }.joined())
    }
}
