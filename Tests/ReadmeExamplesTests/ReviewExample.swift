import LTXJournal
import LTXReview

/// One page comparing an edited clip with its original: the runs from the
/// two files, the calls from the journal when it put a result into `edited`.
func writeReview(of original: String, edited: String, journal: Journal?, to page: String) async throws {
    try await EditReview.write(original: original, output: edited, journal: journal, to: page)
}
