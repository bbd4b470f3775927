import Foundation
import LTXMedia
import Testing
import TestSupport

/// `hdr --review`: the page opened in headless Chromium shows the pieces the
/// text report gives, one seam where they meet, every picture loaded, no
/// console error; and the output's pictures (HDR10, PQ) are tone-mapped for
/// the SDR screen: as bright as the SDR input's beside them, not the
/// darker, washed-out PQ signal shown as if it were SDR.
@Suite struct HDRReviewTests {
    /// The page's runs and each picture: loaded, its size, its alt, and its
    /// mean BT.601 luma (0...255) read through a canvas (the pictures are
    /// data: URIs, so the canvas may read them).
    static let pageScript = """
        const canvas = document.createElement('canvas'), context = canvas.getContext('2d');
        function luma(i) {
          canvas.width = i.naturalWidth; canvas.height = i.naturalHeight;
          context.drawImage(i, 0, 0);
          const d = context.getImageData(0, 0, i.naturalWidth, i.naturalHeight).data;
          let sum = 0;
          for (let p = 0; p < d.length; p += 4) sum += 0.299 * d[p] + 0.587 * d[p + 1] + 0.114 * d[p + 2];
          return sum / (d.length / 4);
        }
        return {
          runs: Array.from(document.querySelectorAll('tr.run')).map(tr =>
            [tr.cells[0].textContent, Number(tr.dataset.first), Number(tr.dataset.last)]),
          bars: document.querySelectorAll('.timeline .bar').length,
          seams: document.querySelectorAll('section.seam').length,
          job: Array.from(document.querySelectorAll('td.job')).map(td => td.textContent),
          inside: document.querySelectorAll('section.inside .pair-label').length,
          images: Array.from(document.images).map(i =>
            [i.complete && i.naturalWidth > 0 ? 1 : 0, i.naturalWidth, i.naturalHeight, i.alt, i.naturalWidth > 0 ? luma(i) : -1])
        };
        """

    /// `  piece N: frames A to B (...)` lines of `hdr`'s text report (frames
    /// counted from 1) as the page's runs: (answer, A − 1, B − 1).
    static func reportedPieces(_ lines: [String]) -> [[String]] {
        lines.compactMap { line -> [String]? in
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 6, words[0] == "piece", words[2] == "frames", words[4] == "to",
                  let first = Int(words[3]), let last = Int(words[5]) else { return nil }
            return ["answer", "\(first - 1)", "\(last - 1)"]
        }
    }

    @Test func hdrPageShowsThePiecesAndToneMappedPictures() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = TemporaryDirectory.make("hdr-review")
        // The smallest clip that makes a seam: 200 frames at 160x90, past the 1080p tier's 181: two pieces.
        // A still picture (colour bars), so that the input's and the output's pictures of a frame are alike
        // whatever the frame; no sound.
        let input = "\(dir)/bars.mp4"
        try PatternClip.write(PatternClipSpec(output: input, width: 160, height: 90, frameRate: 30, duration: 200.0 / 30,
                                              image: Fixtures.path("image.png"), sound: .none, keyframeInterval: 100))
        let r = try await BinaryRunner.run(["hdr", input, "-o", "hdr.mp4", "--yes", "--review", "hdr.html"], environment: sandbox.environment, in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        let reported = Self.reportedPieces(r.stdoutLines)
        #expect(reported == [["answer", "0", "99"], ["answer", "100", "199"]], "\(r.stdout)")

        try await HeadlessBrowser.session(log: "\(dir)/chromedriver.log") { browser in
            try await browser.open(file: "\(dir)/hdr.html")
            let page = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect(EditReviewTests.runs(page) == reported)
            #expect(page["bars"] as? Int == reported.count)
            #expect(page["seams"] as? Int == 1)
            let jobs = page["job"] as? [String] ?? []
            #expect(jobs.count == 2 && jobs.allSatisfy { r.stderr.contains("submitted: job \($0)") }, "\(jobs)")
            // The seam's last frame before and first after, and one to three frames inside each piece: input and output each.
            let images = page["images"] as? [[Any]] ?? []
            let inside = page["inside"] as? Int ?? 0
            #expect((2...6).contains(inside), "\(inside) frames inside the pieces")
            #expect(images.count == 2 * 2 + 2 * inside)
            #expect(images.allSatisfy { $0[0] as? Int == 1 && ($0[1] as? Int ?? 0) > 0 && ($0[2] as? Int ?? 0) > 0 }, "\(images)")
            // Each pair: the input's picture, then the output's of the same frame.
            for pair in stride(from: 0, to: images.count - 1, by: 2) {
                let (original, output) = (images[pair], images[pair + 1])
                #expect((original[3] as? String ?? "").hasPrefix(input) && (output[3] as? String ?? "").hasPrefix("hdr.mp4"), "\(original[3]) \(output[3])")
                // The sandbox's answer is the input in linear light with its white at 203 cd/m²
                // (EXRFrames): tone-mapped, its pictures are the input's (measured: mean luma 0.4 of 255
                // apart; JPEG and the tables' rounding give about 1); shown as SDR, as before, 14.7 darker.
                let (a, b) = (original[4] as? Double ?? -1, output[4] as? Double ?? -1)
                #expect(a > 0 && abs(a - b) < 3, "\(output[3]): mean luma \(b), the input's \(a)")
            }
            let severe = try await browser.severeConsoleEntries()
            #expect(severe.isEmpty, "\(severe)")
        }
    }
}
