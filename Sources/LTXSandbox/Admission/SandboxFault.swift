/// One scripted answer to a generation request: an HTTP status, and for a
/// 429 which of the API's two kinds (`concurrency_limit_error`, written
/// `429c` in a script, or the queue's `rate_limit_error`). An integer literal
/// is a plain status, so `[429, 503]` still reads as a script.
public struct SandboxFault: Sendable, Equatable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var status: Int
    public var concurrency: Bool

    public init(status: Int, concurrency: Bool = false) {
        self.status = status
        self.concurrency = concurrency
    }

    public init(integerLiteral value: Int) { self.init(status: value) }

    /// `429`, `429c`, `529`...; nil unless an HTTP status (100 to 599).
    public init?(_ token: some StringProtocol) {
        let text = String(token.filter { $0 != " " })
        let concurrency = text.hasSuffix("c")
        guard let status = Int(concurrency ? String(text.dropLast()) : text), (100...599).contains(status), !concurrency || status == 429 else {
            return nil
        }
        self.init(status: status, concurrency: concurrency)
    }

    public var description: String { concurrency ? "\(status)c" : "\(status)" }
}
