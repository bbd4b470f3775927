#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where output goes: results to stdout, problems to stderr, one line each.
/// The one place the CLI reaches libc.
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
        var bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { break }
            offset += n
        }
    }

    /// What `out` has buffered, written now: for a line a pipe must see at once.
    static func flush() { fflush(nil) }

    /// Ends the process with `status`, stdout flushed.
    static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// ANSI colour on a terminal, unless NO_COLOR is set.
    static var useColor: Bool { stdoutIsTerminal && getenv("NO_COLOR") == nil }
}
