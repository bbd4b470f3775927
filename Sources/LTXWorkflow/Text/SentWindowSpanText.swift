import LTXJournal
import LTXMedia

extension SentWindowSpan {
    /// "8 s to 22 s": where on the input, as every report says it.
    public var text: String { "\(Format.seconds(inputStart)) to \(Format.seconds(inputEnd))" }
}
