extension Duration {
    /// The duration as seconds, for a report to print and add up.
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
