import Testing
import LTXWorkflow

/// Where a batch's items come from.
@Suite struct BatchSourceTests {
    /// A folder is retaken only when where to, from when and for how long are all given.
    @Test func folderRetakeNeedsAllThree() {
        let full = BatchSource.FolderRetake.given(outputDir: "out", start: 1, duration: 2, prompt: nil)
        #expect(full?.outputDir == "out" && full?.start == 1 && full?.duration == 2 && full?.prompt == nil)
        #expect(BatchSource.FolderRetake.given(outputDir: "out", start: 1, duration: nil, prompt: "p") == nil)
        #expect(BatchSource.FolderRetake.given(outputDir: nil, start: 1, duration: 2, prompt: "p") == nil)
    }
}
