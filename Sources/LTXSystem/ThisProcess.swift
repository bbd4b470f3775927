#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process and its neighbours: ids, environment, terminal, CPUs, signals, exit.
public enum ThisProcess {
    public static var id: Int32 { getpid() }

    /// geteuid(2): 0 is root, whom file permissions do not stop.
    public static var effectiveUserID: UInt32 { geteuid() }

    /// getenv(3).
    public static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// The whole environment, read from `environ` (Foundation's ProcessInfo
    /// would link Foundation and ICU for this alone).
    public static var environment: [String: String] {
        var result: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { result[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return result
    }

    /// Online CPU cores, at least 1.
    public static var activeProcessorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// isatty(3) of one of this process's descriptors.
    public static func isTerminal(_ descriptor: FileDescriptor) -> Bool { isatty(descriptor.rawValue) == 1 }

    /// Whether process `pid` is alive: kill(2) with signal 0 (EPERM: alive, someone else's).
    public static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// The signals that ask a program to stop: Ctrl-C, SIGTERM, SIGHUP.
    public static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Stops `number`'s default action (a DispatchSource then sees it alone).
    public static func ignore(signal number: Int32) { signal(number, SIG_IGN) }

    /// Flushes stdio's buffers and ends the process with `status`.
    public static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// fflush(3) of every output stream: what `print` buffered, written now.
    public static func flushOutput() { fflush(nil) }
}
