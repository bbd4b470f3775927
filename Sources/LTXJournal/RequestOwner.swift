import LTXFiles
import LTXSystem

/// The process that holds a request in flight, as the journal records it
/// when the request is claimed: its id, and what makes that id mean one
/// process only (the machine's boot and the process's start time: an id is
/// reused after its process ends). Another run that finds the request
/// `submitting` asks whether this process still lives: if it does, the
/// request is that run's to answer, not one to send again.
public struct RequestOwner: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    /// The boot's id and the start time in clock ticks since boot (Linux's
    /// /proc); elsewhere empty, and the pid alone is asked.
    public var boot: String
    public var started: String

    /// This process.
    public static let current = RequestOwner(pid: ThisProcess.id, boot: bootID, started: startTime(of: ThisProcess.id) ?? "")

    /// As the journal's `owner` column holds it: `pid:boot:start`.
    public var description: String { "\(pid):\(boot):\(started)" }

    public init(pid: Int32, boot: String, started: String) {
        self.pid = pid
        self.boot = boot
        self.started = started
    }

    public init?(_ column: String) {
        let parts = column.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[0]) else { return nil }
        self.init(pid: pid, boot: String(parts[1]), started: String(parts[2]))
    }

    /// The process is running now, on this machine (not a later process given its id).
    public var isAlive: Bool {
        if pid == ThisProcess.id { return self == .current }
        #if os(Linux)
        guard boot == Self.bootID, !started.isEmpty else { return false }
        return Self.startTime(of: pid) == started
        #else
        return ThisProcess.isAlive(pid)
        #endif
    }

    private static let bootID: String = {
        #if os(Linux)
        (try? WholeFile.bytes("/proc/sys/kernel/random/boot_id")).map { String(decoding: $0, as: UTF8.self).filter { $0.isHexDigit || $0 == "-" } } ?? ""
        #else
        ""
        #endif
    }()

    /// Field 22 of /proc/PID/stat: when the process started, in ticks since boot.
    private static func startTime(of pid: Int32) -> String? {
        #if os(Linux)
        guard let bytes = try? WholeFile.bytes("/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
        #else
        return nil
        #endif
    }
}
