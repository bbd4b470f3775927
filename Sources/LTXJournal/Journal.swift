import LTXFiles
import Logging
import SQLiteNIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every paid request, in one SQLite file: written before the request
/// leaves, updated as answers come. Several processes may share the file:
/// WAL, a busy time-out, and claims made by single atomic statements.
public final class Journal: Sendable {
    public let path: String
    private let connection: SQLiteConnection

    private init(path: String, connection: SQLiteConnection) {
        self.path = path
        self.connection = connection
    }

    /// `$XDG_STATE_HOME/ltx-prep/journal.sqlite`, else `~/.local/state/ltx-prep/journal.sqlite`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/ltx-prep/journal.sqlite" }
        return (environment["HOME"] ?? "") + "/.local/state/ltx-prep/journal.sqlite"
    }

    public static func open(_ path: String) async throws(JournalError) -> Journal {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        if !folder.isEmpty {
            do { try OutputFile.makeFolders(folder) } catch { throw JournalError(path: path, message: "cannot make \(folder): \(error.reason)") }
        }
        var logger = Logger(label: "ltx-prep.journal")
        logger.logLevel = .critical
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            let journal = Journal(path: path, connection: connection)
            _ = try await connection.query("PRAGMA busy_timeout = 15000", [])
            _ = try await connection.query("PRAGMA journal_mode = WAL", [])
            _ = try await connection.query(schema, [])
            try await addColumns(connection)
            try await addPlacements(connection)
            return journal
        } catch {
            throw JournalError(path: path, message: "\(error)")
        }
    }

    /// `path`, or the default path when it is nil.
    public static func open(_ path: String?, environment: [String: String]) async throws(JournalError) -> Journal {
        try await open(path ?? defaultPath(environment: environment))
    }

    /// Closes the file, also from a cancelled task (see `query`).
    public func close() async {
        let connection = connection
        await Task { try? await connection.close() }.value
    }

    static let schema = """
        CREATE TABLE IF NOT EXISTS paid_request (
            fingerprint TEXT PRIMARY KEY,
            provider TEXT NOT NULL, base_url TEXT NOT NULL, endpoint TEXT NOT NULL,
            request TEXT NOT NULL, inputs TEXT NOT NULL, state TEXT NOT NULL,
            job_id TEXT, result_url TEXT, error TEXT, output TEXT, output_sha256 TEXT,
            estimated_cost REAL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
            sent_start REAL, sent_duration REAL, placed_into TEXT, placed_sha256 TEXT, owner TEXT)
        """

    /// A journal made before the window sent and the placement were recorded
    /// gets their columns; its entries keep them empty (unknown), so none is
    /// spliced from or taken as put back.
    private static func addColumns(_ connection: SQLiteConnection) async throws {
        let columns = try await connection.query("PRAGMA table_info(paid_request)", []).compactMap { $0.column("name")?.string }
        for (name, type) in [("sent_start", "REAL"), ("sent_duration", "REAL"), ("placed_into", "TEXT"), ("placed_sha256", "TEXT"),
                                 ("owner", "TEXT")]
            where !columns.contains(name) {
            _ = try await connection.query("ALTER TABLE paid_request ADD COLUMN \(name) \(type)", [])
        }
    }

    /// Every file a request's result was put back into, with its SHA-256 as
    /// written: a rerun into any of them (or a copy of one) pays nothing.
    /// A journal from before the table gets it, with each entry's last
    /// placement (`placed_into`), the one it knew.
    private static func addPlacements(_ connection: SQLiteConnection) async throws {
        let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'placement'", [])
        guard tables.isEmpty else { return }
        _ = try await connection.query("""
            CREATE TABLE IF NOT EXISTS placement (
                fingerprint TEXT NOT NULL, output TEXT NOT NULL, sha256 TEXT NOT NULL, placed_at REAL NOT NULL,
                PRIMARY KEY (fingerprint, output))
            """, [])
        _ = try await connection.query("""
            INSERT OR IGNORE INTO placement (fingerprint, output, sha256, placed_at)
            SELECT fingerprint, placed_into, placed_sha256, updated_at FROM paid_request
            WHERE placed_into IS NOT NULL AND placed_sha256 IS NOT NULL
            """, [])
    }

    public func entry(_ fingerprint: String) async throws(JournalError) -> JournalEntry? {
        try await rows("SELECT * FROM paid_request WHERE fingerprint = ?", [.text(fingerprint)]).first
    }

    /// Every entry, newest first.
    public func all() async throws(JournalError) -> [JournalEntry] {
        try await rows("SELECT * FROM paid_request ORDER BY created_at DESC", [])
    }

    /// The entries a user's `id` names: the start of a fingerprint, or a job id.
    public func matching(_ id: String) async throws(JournalError) -> [JournalEntry] {
        try await all().filter { $0.fingerprint.hasPrefix(id) || $0.jobID == id }
    }

    /// Writes `entry` as `submitting` if nothing holds its fingerprint, or
    /// only a `rejected` one (nothing was billed), or `replacing` says to.
    /// True when this process holds the claim; false when another entry
    /// (another run's, maybe running now) stands.
    public func claim(_ entry: JournalEntry, replacing: Bool = false) async throws(JournalError) -> Bool {
        let now = Self.now
        let values: [SQLiteData] = [.text(entry.fingerprint), .text(entry.provider), .text(entry.baseURL), .text(entry.endpoint),
                                    .text(entry.request), .text(entry.inputs), entry.estimatedCost.map { .float($0) } ?? .null,
                                    entry.output.map { .text($0) } ?? .null, entry.sentWindow.map { .float($0.inputStart) } ?? .null,
                                    entry.sentWindow.map { .float($0.duration) } ?? .null, entry.owner.map { .text($0) } ?? .null,
                                    .float(now), .float(now)]
        let condition = replacing ? "" : "WHERE paid_request.state = 'rejected'"
        let claimed = try await query("""
            INSERT INTO paid_request (fingerprint, provider, base_url, endpoint, request, inputs, state, estimated_cost, output,
                sent_start, sent_duration, owner, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 'submitting', ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fingerprint) DO UPDATE SET state = 'submitting', request = excluded.request, inputs = excluded.inputs,
                estimated_cost = excluded.estimated_cost, job_id = NULL, result_url = NULL, error = NULL, output = excluded.output,
                output_sha256 = NULL, placed_into = NULL, placed_sha256 = NULL, sent_start = excluded.sent_start, sent_duration = excluded.sent_duration,
                owner = excluded.owner, created_at = excluded.created_at, updated_at = excluded.updated_at \(condition)
            RETURNING fingerprint
            """, values)
        // A request sent again has a new result: the files the old one went into are not this one's.
        if !claimed.isEmpty { _ = try await query("DELETE FROM placement WHERE fingerprint = ?", [.text(entry.fingerprint)]) }
        return !claimed.isEmpty
    }

    public func accepted(_ fingerprint: String, jobID: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'accepted', job_id = ?", [.text(jobID)])
    }

    public func completed(_ fingerprint: String, resultURL: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'completed', result_url = ?", [.text(resultURL)])
    }

    public func failed(_ fingerprint: String, error: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'failed', error = ?", [.text(error)])
    }

    public func expired(_ fingerprint: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'expired'", [])
    }

    public func rejected(_ fingerprint: String, error: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'rejected', error = ?", [.text(error)])
    }

    public func downloaded(_ fingerprint: String, output: String, sha256: String) async throws(JournalError) {
        try await set(fingerprint, "state = 'downloaded', output = ?, output_sha256 = ?", [.text(output), .text(sha256)])
    }

    /// The result was put back into the user's `output` (a whole-video
    /// retake's splice), which then had this SHA-256.
    public func placed(_ fingerprint: String, into output: String, sha256: String) async throws(JournalError) {
        try await set(fingerprint, "placed_into = ?, placed_sha256 = ?", [.text(output), .text(sha256)])
        _ = try await query("""
            INSERT INTO placement (fingerprint, output, sha256, placed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (fingerprint, output) DO UPDATE SET sha256 = excluded.sha256, placed_at = excluded.placed_at
            """, [.text(fingerprint), .text(output), .text(sha256), .float(Self.now)])
    }

    /// Every file the result of `fingerprint` was put back into, newest first.
    public func placements(_ fingerprint: String) async throws(JournalError) -> [JournalPlacement] {
        try await query("SELECT output, sha256, placed_at FROM placement WHERE fingerprint = ? ORDER BY placed_at DESC", [.text(fingerprint)]).map {
            JournalPlacement(output: $0.column("output")?.string ?? "", sha256: $0.column("sha256")?.string ?? "",
                             placedAt: $0.column("placed_at")?.double ?? 0)
        }
    }

    // MARK: SQL

    static var now: Double { Date.now.timeIntervalSince1970 }

    private func set(_ fingerprint: String, _ assignments: String, _ values: [SQLiteData]) async throws(JournalError) {
        _ = try await query("UPDATE paid_request SET \(assignments), updated_at = ? WHERE fingerprint = ?",
                            values + [.float(Self.now), .text(fingerprint)])
    }

    private func query(_ sql: String, _ binds: [SQLiteData]) async throws(JournalError) -> [SQLiteRow] {
        // SQLiteNIO's async calls throw CancellationError from a cancelled task without
        // running: a Ctrl-C just after a job was accepted would then leave the entry
        // `submitting` (a rerun could not follow the paid job) and the connection
        // open. Journal writes run in a task of their own, which no signal cancels.
        let connection = connection
        do { return try await Task { try await connection.query(sql, binds) }.value } catch {
            throw JournalError(path: path, message: "\(error)")
        }
    }

    private func rows(_ sql: String, _ binds: [SQLiteData]) async throws(JournalError) -> [JournalEntry] {
        try await query(sql, binds).map { row in
            JournalEntry(fingerprint: row.column("fingerprint")?.string ?? "", provider: row.column("provider")?.string ?? "",
                         baseURL: row.column("base_url")?.string ?? "", endpoint: row.column("endpoint")?.string ?? "",
                         request: row.column("request")?.string ?? "{}", inputs: row.column("inputs")?.string ?? "[]",
                         state: row.column("state")?.string.flatMap(JournalEntry.State.init(rawValue:)) ?? .submitting,
                         jobID: row.column("job_id")?.string, resultURL: row.column("result_url")?.string,
                         error: row.column("error")?.string, output: row.column("output")?.string,
                         outputSHA256: row.column("output_sha256")?.string, estimatedCost: row.column("estimated_cost")?.double,
                         sentWindow: Self.window(start: row.column("sent_start")?.double, duration: row.column("sent_duration")?.double),
                         placedInto: row.column("placed_into")?.string, placedSHA256: row.column("placed_sha256")?.string,
                         owner: row.column("owner")?.string,
                         createdAt: row.column("created_at")?.double ?? 0, updatedAt: row.column("updated_at")?.double ?? 0)
        }
    }

    private static func window(start: Double?, duration: Double?) -> SentWindowSpan? {
        guard let start, let duration else { return nil }
        return SentWindowSpan(inputStart: start, duration: duration)
    }
}
