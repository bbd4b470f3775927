import LTXMedia

/// The paid answers of an edit whose put-back step failed: kept beside the
/// output, to put back by hand (or by a rerun, which finds them there).
public struct KeptAnswers: Sendable {
    public var input: String
    /// Each answer's file, in call order.
    public var answers: [String]
    /// Where each spliced answer's sections go (a retake's): what a splice
    /// by hand needs. Empty for an edit that does not splice.
    public var pieces: [SpliceJob.Piece]

    public init(input: String, answers: [String], pieces: [SpliceJob.Piece] = []) {
        self.input = input
        self.answers = answers
        self.pieces = pieces
    }
}

extension KeptAnswers: CustomStringConvertible {
    /// "the paid answer is kept: ..."; a splice's answers are always said in
    /// the plural, as the retake always said them.
    public var description: String {
        answers.count == 1 && pieces.isEmpty ? "the paid answer is kept: \(answers[0])"
            : "the paid answers are kept: \(answers.joined(separator: ", "))"
    }
}
