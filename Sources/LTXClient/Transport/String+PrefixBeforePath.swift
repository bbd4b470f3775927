extension String {
    /// `scheme://host[:port]` of a URL.
    var prefixBeforePath: String {
        guard let r = firstRange(of: "://") else { return self }
        let rest = self[r.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return String(self[..<end])
    }
}
