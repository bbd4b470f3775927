import LTXSystem

/// Where output goes: results to stdout, problems to stderr, one line each.
/// The one place the CLI reaches the process's streams (through LTXSystem).
enum Console {
    static func out(_ line: String) {
        print(line)
    }

    /// Straight to fd 2: the C `stderr` global is shared mutable state to Swift 6.
    static func error(_ line: String) {
        writeErr("ltx-prep: \(line)\n")
    }

    /// A remark on stderr (estimates, plans), not an error.
    static func note(_ line: String) {
        writeErr("\(line)\n")
    }

    static func prompt(_ text: String) { writeErr(text) }

    private static func writeErr(_ s: String) {
        _ = try? FileDescriptor.standardError.writeAll(s.utf8)
    }

    /// What `out` has buffered, written now: for a line a pipe must see at once.
    static func flush() { ThisProcess.flushOutput() }

    /// Ends the process with `status`, stdout flushed.
    static func exit(_ status: Int32) -> Never { ThisProcess.exit(status) }

    static var stdinIsTerminal: Bool { ThisProcess.isTerminal(.standardInput) }
    static var stdoutIsTerminal: Bool { ThisProcess.isTerminal(.standardOutput) }
    static var stderrIsTerminal: Bool { ThisProcess.isTerminal(.standardError) }

    /// ANSI colour on a terminal, unless NO_COLOR is set.
    static var useColor: Bool { stdoutIsTerminal && ThisProcess.variable("NO_COLOR") == nil }
}
