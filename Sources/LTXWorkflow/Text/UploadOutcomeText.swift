/// The forms `ltx-prep upload` prints, for any Swift program.
extension UploadOutcome {
    /// The storage URI; on a dry run, what would be sent.
    public var text: String {
        uploaded?.ticket.storageUri ?? "dry run: would POST /v1/upload, then PUT \(sizeBytes) bytes of \(file) as \(mimeType)"
    }

    /// `--json`: the URI, the transfer, and when each URL expires; nil on a dry run (its `text` stands).
    public var receipt: UploadReceipt? { uploaded.map { UploadReceipt($0, file: file) } }
}
