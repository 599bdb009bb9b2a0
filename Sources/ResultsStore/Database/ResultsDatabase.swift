import Foundation
import GRDB

/// The SQLite results store: one database file holding experiments, jobs, runs, metrics and
/// artifacts. Open it with `sqlite3` and query it directly; the schema is in
/// `ResultsDatabase+Migrations.swift` and the README's "Results store" section.
///
/// A file database is one `DatabasePool` (WAL, busy timeout, foreign keys on), safe to share
/// between threads and between processes (workers claim jobs with `BEGIN IMMEDIATE`).
public final class ResultsDatabase: Sendable {
    /// The GRDB writer: a `DatabasePool` for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// The database file, nil in memory. Relative artifact paths resolve against its directory.
    public let path: String?

    // MARK: - Opening

    /// Opens (creating if needed) the database at `path` and applies every pending migration.
    /// The parent directory is created when missing.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Opening (switching a fresh file to WAL) and migrating hold an exclusive file lock:
        // GRDB reads the applied migrations before taking SQLite's write lock, so two processes
        // opening a fresh file at once could otherwise both apply v1 or collide on the WAL switch.
        self.writer = try Self.withFileLock(at: url.path + ".lock") {
            let pool: DatabasePool
            do { pool = try DatabasePool(path: url.path, configuration: Self.configuration()) } catch {
                throw ResultsStoreError.cannotOpen(path: path, reason: "\(error)")
            }
            try Self.migrator.migrate(pool)
            return pool
        }
        self.path = url.path
    }

    /// A fresh in-memory database with the full schema (tests, dry runs).
    public static func inMemory() throws -> ResultsDatabase {
        try ResultsDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        self.path = nil
        try Self.migrator.migrate(writer)
    }

    /// Runs `body` holding an exclusive `flock` on `lockPath` (created when missing).
    static func withFileLock<T>(at lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else {
            throw ResultsStoreError.cannotOpen(path: lockPath, reason: "cannot create the migration lock file")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else {
            throw ResultsStoreError.cannotOpen(path: lockPath, reason: "cannot lock the migration lock file")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several worker processes share one file: wait for the write lock instead of failing.
        config.busyMode = .timeout(30)
        config.label = "zerolog.results"
        return config
    }

    // MARK: - Introspection

    /// Names of the migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
    }

    /// Names of every migration this build knows.
    public static var knownMigrations: [String] { migrator.migrations }

    /// Row count of a table (tests, `zerolog status`).
    public func count(table: String) throws -> Int {
        guard Self.tables.contains(table) else { throw ResultsStoreError.unknownTable(table) }
        return try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// Every table of the schema, parents before children.
    public static let tables = ["experiments", "jobs", "experiment_jobs", "runs",
                                "epoch_metrics", "final_metrics", "artifacts"]

    /// Directory relative artifact paths resolve against.
    var baseDirectory: URL {
        path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}

/// Errors of the results store, each naming what was wrong.
public enum ResultsStoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case unknownTable(String)
    case unknownJob(String)
    case unknownRun(Int64)
    case unknownExperiment(String)
    case invalidValue(field: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open results database \(path): \(reason)"
        case .unknownTable(let t): return "no table named \(t) in the results store"
        case .unknownJob(let id): return "no job with id \(id) in the results store"
        case .unknownRun(let id): return "no run with id \(id) in the results store"
        case .unknownExperiment(let name): return "no experiment named \(name) in the results store"
        case .invalidValue(let field, let reason): return "invalid \(field): \(reason)"
        }
    }
}
