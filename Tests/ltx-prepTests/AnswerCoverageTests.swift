import Foundation
import LTXMedia
import Testing
import TestSupport

/// An answer is untrusted input: one whose pictures (or, when its sound is
/// taken, whose sound) end before its section, or a still image, is refused
/// before anything is written, saying what it covers and what was needed,
/// never spliced in as held pictures and silence. The built binary, answers
/// made by the library, the sandbox for a paid retake.
@Suite struct AnswerCoverageTests {
    let dir = TemporaryDirectory.make("ltx-coverage")
    /// 6 s, 128x64 at 24 fps, AAC sound.
    let original = Fixtures.path("h264_aac_sine_6s.mp4")

    func clip(_ name: String, seconds: Double, sound: PatternClipSpec.Sound) throws -> String {
        let path = "\(dir)/\(name)"
        _ = try PatternClip.write(PatternClipSpec(output: path, width: 128, height: 64, frameRate: 24, duration: seconds, sound: sound))
        return path
    }

    /// `splice` of `answer`, whose first instant sits at 1 s, into the section 2 s to 5 s.
    func splice(_ answer: String, _ extra: [String] = [], output: String) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(["splice", original, answer, "--window-start", "1", "--start", "2", "--duration", "3", "-o", "\(dir)/\(output)"] + extra)
    }

    func written(_ name: String) -> Bool { FileManager.default.fileExists(atPath: "\(dir)/\(name)") }

    @Test func anAnswerEndingBeforeItsSectionIsRefused() async throws {
        // 2 s of answer from 1 s: it covers 1 s to 3 s of a section that runs to 5 s.
        let short = try clip("short.mp4", seconds: 2, sound: .tone(frequency: 660))
        let r = try await splice(short, output: "out.mp4")
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(short): its pictures cover 1 s to 3 s of \(original); the section 2 s to 5 s needs its pictures throughout; nothing was written"],
                "\(r.stderr)")
        #expect(!written("out.mp4"))
        // An answer a frame short of the section's end (95 frames at 24 fps, to 4.958 s) is taken.
        let frameShort = try clip("frame-short.mp4", seconds: 95.0 / 24, sound: .tone(frequency: 660))
        let ok = try await splice(frameShort, output: "ok.mp4")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("72 from the answer"), "\(ok.stdout)")
    }

    @Test func aStillImageIsNoAnswer() async throws {
        let still = "\(dir)/still.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("image.png"), toPath: still)
        let r = try await splice(still, output: "out.mp4")
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(still): it is a still image: one picture, at 1 s of \(original); the section 2 s to 5 s needs its pictures throughout; nothing was written"],
                "\(r.stderr)")
        #expect(!written("out.mp4"))
    }

    @Test func anAnswerWithoutSoundIsRefusedWhereItsSoundIsTaken() async throws {
        let silent = try clip("silent.mp4", seconds: 5, sound: .none)
        let r = try await splice(silent, output: "out.mp4")
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(silent): it has no sound; the section 2 s to 5 s needs its sound throughout; nothing was written"], "\(r.stderr)")
        #expect(!written("out.mp4"))
        // Its pictures alone are what replace_video takes.
        let pictures = try await splice(silent, ["--mode", "replace_video"], output: "pictures.mp4")
        #expect(pictures.status == 0, "\(pictures.stderr)")
        #expect(try MediaProbe.probeBlocking("\(dir)/pictures.mp4").primaryVideo?.frameCount == 144)
    }

    @Test func anExtendsAnswerMustHoldTheAddedPictures() async throws {
        let short = try clip("short-extension.mp4", seconds: 2, sound: .tone(frequency: 660))
        let r = try await BinaryRunner.run(["extend", original, "--duration", "4", "--answer", short, "-o", "\(dir)/longer.mp4"])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(short): its pictures cover 0 s to 2 s; the extension needs 4 s of pictures (96 frames); nothing was written"],
                "\(r.stderr)")
        #expect(!written("longer.mp4"))
    }

    /// The API's answer for a retake ends 2 s early: refused before the splice
    /// writes anything, the paid answer kept beside the output with the
    /// command that splices it once mended.
    @Test func aPaidRetakesShortAnswerIsKeptNotSplicedIn() async throws {
        let sandbox = try SandboxProcess(["--short-answers", "2"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["retake", original, "--start", "2", "--duration", "3", "--prompt", "x", "--yes", "-o", "\(dir)/whole.mp4"],
                                           environment: sandbox.environment)
        #expect(r.status == 2)
        let answer = "\(dir)/.whole.mp4.answer-1.mp4"
        #expect(r.stderr.hasSuffix("ltx-prep: \(answer): its pictures cover 0 s to 4 s of \(original); the section 2 s to 5 s needs its pictures throughout; "
            + "nothing was written; the paid answers are kept: \(answer); splice again with: ltx-prep splice \(original) \(answer) --window-start 0 --section 2:3\n"),
                "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(!written("whole.mp4") && written(".whole.mp4.answer-1.mp4"))
    }
}
