/// Which frames inside an answer run a review shows besides its seams: where
/// both files have a keyframe (else where either has one), nearest a
/// quarter, a half and three quarters into the run; the middle frame when
/// neither file has a keyframe inside. A keyframe decodes alone, so a
/// picture there costs one frame of decoding in place of up to a GOP: the
/// review then stays a small part of the edit's own time (issue 33's 10 %).
/// A splice keeps the original's keyframes in its re-encoded runs, so in its
/// output both files share them.
enum InsideFrames {
    /// The most pictures shown from inside one run.
    static let most = 3

    /// The frames shown from inside the run `first...last` (its first and
    /// last are the seams' own pictures), ascending.
    static func chosen(first: Int, last: Int, originalKeyframes: [Bool], outputKeyframes: [Bool]) -> [Int] {
        guard last - first >= 2 else { return [] }
        let interior = (first + 1)..<last
        let isKey = { (flags: [Bool], f: Int) in f < flags.count && flags[f] }
        let both = interior.filter { isKey(originalKeyframes, $0) && isKey(outputKeyframes, $0) }
        let either = interior.filter { isKey(originalKeyframes, $0) || isKey(outputKeyframes, $0) }
        let candidates = !both.isEmpty ? both : !either.isEmpty ? either : [(first + last) / 2]
        guard candidates.count > most else { return candidates }
        let count = last - first + 1
        var picked: [Int] = []
        for quarter in 1...most {
            let target = first + count * quarter / (most + 1)
            if let nearest = candidates.filter({ !picked.contains($0) }).min(by: { abs($0 - target) < abs($1 - target) }) {
                picked.append(nearest)
            }
        }
        return picked.sorted()
    }
}
