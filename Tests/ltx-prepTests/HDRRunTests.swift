import Foundation
import LTXMedia
import Testing
import TestSupport

/// `ltx-prep hdr` run through against the sandbox: a clip past the 1080p
/// tier's 181 frames sent as two journaled pieces, the EXR frames assembled
/// into an HDR10 video with the input's audio; a rerun, and an interrupted
/// run's rerun, pay each piece once.
@Suite struct HDRRunTests {
    let dir = TemporaryDirectory.make("ltx-hdr-run")

    func clip() throws -> String { try HDRCommandTests.clip(in: dir) }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func twoPiecesComeBackOneHDR10VideoWithTheInputsAudioAndARerunPaysNothing() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try clip()
        let output = "\(dir)/hdr.mp4"
        let r = try await BinaryRunner.run(["hdr", input, "-o", output, "--yes", "--json"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 2)
        let report = try json(r.stdout)
        let pieces = report["pieces"] as? [[String: Any]] ?? []
        #expect(pieces.map { $0["frames"] as? Int } == [100, 100])
        #expect(pieces.map { $0["first_frame"] as? Int } == [0, 100])
        // Both start on a keyframe (0 and 100): sent by stream copy.
        #expect(pieces.map { $0["exact"] as? Bool } == [false, false])
        #expect(report["tier"] as? String == "1080p" && report["tier_frames"] as? Int == 181)
        // 200 frames at 30 fps (6.667 s, to the millisecond), $0.20 per second of input at the 1080p tier.
        #expect(report["estimated_cost"] as? Double == 1.3334)
        #expect(report["paid_pieces"] as? Int == 2)
        let assembly = report["assembly"] as? [String: Any]
        #expect((assembly?["boundary_steps"] as? [Any])?.count == 1)
        let written = report["written"] as? [String: Any]
        #expect(written?["codec"] as? String == "hevc" && written?["pixel_format"] as? String == "yuv420p10le")
        #expect(written?["color_primaries"] as? String == "bt2020" && written?["color_transfer"] as? String == "smpte2084")
        let out = try MediaProbe.probeBlocking(output)
        #expect(out.primaryVideo?.frameCount == 200 && out.primaryVideo?.displayWidth == 160 && out.primaryVideo?.displayHeight == 90)
        #expect(try StreamDigests.audioPackets(output) == (try StreamDigests.audioPackets(input)))
        // The pieces' ZIPs, kept beside the output until the video was written, are gone.
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir)).contains { $0.hasPrefix(".hdr.mp4") })

        let again = try await BinaryRunner.run(["hdr", input, "-o", output, "--yes"], environment: sandbox.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("already done"), "\(again.stdout)")
        #expect(try await sandbox.paidFor().jobs == 2)
    }

    /// Ctrl-C once the second piece's job was accepted, then a rerun: the first
    /// piece's answer is fetched again and the second job followed; two jobs in all.
    @Test func anInterruptedRunThenARerunPaysEachPieceOnce() async throws {
        let sandbox = try SandboxProcess(["--job-seconds", "2"])
        defer { sandbox.stop() }
        let folder = dir + "/interrupted"
        let command = ["hdr", try clip()]
        let ended = try await InterruptTests().interrupt(sandbox, into: folder, command: command) {
            $0.components(separatedBy: "submitted: job").count == 3
        }
        #expect(ended.status == 130, "\(ended.stderr)")
        #expect(try await sandbox.paidFor().jobs == 2)
        let rerun = try await BinaryRunner.run(command + ["--yes", "-o", "\(folder)/out.mp4"], environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.mp4"])
        #expect(try MediaProbe.probeBlocking("\(folder)/out.mp4").primaryVideo?.frameCount == 200)
    }
}
