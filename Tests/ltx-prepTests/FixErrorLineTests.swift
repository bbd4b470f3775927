import Foundation
import Testing
import TestSupport

/// Every `fix` failure prints one stderr line that starts with the input,
/// whatever failed: the input, the output, or nothing written at all.
@Suite struct FixErrorLineTests {
    let dir = TemporaryDirectory.make("ltx-cli-fixerr")
    let input = Fixtures.path("h264.ts")

    func failsNamingTheInput(_ arguments: [String]) async throws -> String {
        let r = try await BinaryRunner.run(["fix", input] + arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("ltx-prep: \(input): "), "\(r.stderr)")
        return r.stderr
    }

    @Test func outputExists() async throws {
        let output = "\(dir)/exists.mp4"
        #expect(FileManager.default.createFile(atPath: output, contents: Data("x".utf8)))
        let line = try await failsNamingTheInput(["-o", output])
        #expect(line.contains("the output \(output) already exists"))
    }

    @Test func outputFolderMissing() async throws {
        let output = "\(dir)/no/such/folder/out.mp4"
        let line = try await failsNamingTheInput(["-o", output])
        #expect(line.contains("cannot write \(output): its folder does not exist"))
    }

    @Test func outputIsTheInput() async throws {
        let line = try await failsNamingTheInput(["-o", input])
        #expect(line.contains("is the input"))
    }
}

/// The output's name says what is written: an MP4 is never left under `.mkv`.
@Suite struct FixOutputNameTests {
    let dir = TemporaryDirectory.make("ltx-fix-name")

    @Test(arguments: [("vp9_opus.webm", "clip.mkv", "MP4"), ("conformant_h264_aac.mp4", "copy.mov", "MP4 (the input, unchanged)"),
                      ("vorbis_25s.ogg", "voice.mp3", "M4A"), ("image.gif", "still.jpg", "PNG")])
    func misnamedOutputIsRefused(_ input: String, _ name: String, _ format: String) async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path(input), "-o", "\(dir)/\(name)"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("writes \(format)") && r.stderr.hasPrefix("ltx-prep: \(Fixtures.path(input))"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).isEmpty)
    }
}
