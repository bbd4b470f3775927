/// ArgumentParser reads a word starting with "-" as an option, so
/// `--duration -3` was "Missing value for '--duration'" where `--duration 0`
/// gets the option's range. No option of ltx-prep is a dash and a digit, so
/// a word that reads as a negative number (`-3`, `-0.5`, `-1e9`, `-inf`,
/// `-nan`, a section's `-1:2`) after a long option is that option's value:
/// it is joined to it as `--duration=-3`, which ArgumentParser takes as a
/// value for every option at once, its range then checked as any other value's.
enum NegativeNumbers {
    static func joined(_ words: [String]) -> [String] {
        var out: [String] = []
        var rest = words[...]
        while let word = rest.popFirst() {
            if word == "--" {
                out.append(word)
                out.append(contentsOf: rest)
                break
            }
            if word.hasPrefix("--"), !word.contains("="), let next = rest.first, isNegativeNumber(next) {
                out.append("\(word)=\(next)")
                rest = rest.dropFirst()
            } else {
                out.append(word)
            }
        }
        return out
    }

    /// `-3`, `-0.5`, `-inf`, or numbers joined by ":" of which the first is negative.
    static func isNegativeNumber(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return word.split(separator: ":", omittingEmptySubsequences: false).allSatisfy { Double($0) != nil }
    }
}
