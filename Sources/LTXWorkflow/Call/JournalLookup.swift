import LTXJournal

extension Journal {
    /// The one request `id` names, by its job id or the start of its
    /// fingerprint (`ltx-prep jobs show`): none, or several, is refused.
    public func only(matching id: String) async throws(WorkflowError) -> JournalEntry {
        let found: [JournalEntry]
        do throws(JournalError) { found = try await matching(id) } catch { throw .journal(error) }
        guard found.count == 1, let entry = found.first else {
            throw found.isEmpty ? .noSuchRequest(id) : .ambiguousRequest(id, matches: found.count)
        }
        return entry
    }
}
