import Foundation
import GRDB

/// What one merge changed in the output.
public struct MergeSummary: Sendable, Equatable {
    public var experiments = 0
    public var jobsInserted = 0
    public var jobsUpgraded = 0
    public var runs = 0
    public var finalMetrics = 0
    public var epochMetrics = 0
    public var artifacts = 0
}

// MARK: - Merging shard databases

extension ResultsDatabase {
    /// Merges the database at `inputPath` into this one, idempotently: merging the same input
    /// twice changes nothing.
    ///
    /// - experiments: unioned; on a name clash the later registration wins.
    /// - experiment links: unioned.
    /// - jobs: unioned; a job keeps the most advanced status of any input
    ///   (done > failed > running > pending), so a job done anywhere is done in the output.
    /// - runs: matched by their `uid`; metrics and artifacts follow their run (relative artifact
    ///   paths are rewritten to resolve from this database's directory).
    ///
    /// The input is first opened as a results database (which brings its schema up to date).
    @discardableResult
    public func merge(from inputPath: String) throws -> MergeSummary {
        guard FileManager.default.fileExists(atPath: inputPath) else {
            throw ResultsStoreError.cannotOpen(path: inputPath, reason: "no such file")
        }
        let input = URL(fileURLWithPath: inputPath).standardizedFileURL.path
        if let path, URL(fileURLWithPath: path).standardizedFileURL.path == input {
            throw ResultsStoreError.invalidValue(field: "merge input", reason: "\(inputPath) is the output database itself")
        }
        do { _ = try ResultsDatabase(path: input) }  // migrate, then close
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [input])
            defer { try? db.execute(sql: "DETACH DATABASE src") }
            var summary = MergeSummary()
            try db.inTransaction(.immediate) {
                summary = try Self.mergeAttached(db, artifactPrefix: artifactPrefix(forInput: input))
                return .commit
            }
            return summary
        }
    }

    private static let statusRank = """
        CASE %@ WHEN 'done' THEN 3 WHEN 'failed' THEN 2 WHEN 'running' THEN 1 ELSE 0 END
        """

    private static func rank(_ column: String) -> String {
        statusRank.replacingOccurrences(of: "%@", with: column)
    }

    /// Joins a child row's source run (`column`) to the output run with the same uid (`m`).
    private static func runJoin(_ column: String) -> String {
        "src.runs r ON r.id = \(column) JOIN main.runs m ON m.uid = r.uid"
    }

    /// What to put before an input's relative artifact paths so they resolve from this
    /// database's directory: "" for the same directory, "shards/" below it, else absolute.
    func artifactPrefix(forInput input: String) -> String {
        let inputDir = URL(fileURLWithPath: input).deletingLastPathComponent().standardizedFileURL.path
        let outputDir = baseDirectory.standardizedFileURL.path
        if inputDir == outputDir { return "" }
        if inputDir.hasPrefix(outputDir + "/") { return String(inputDir.dropFirst(outputDir.count + 1)) + "/" }
        return inputDir + "/"
    }

    private static func mergeAttached(_ db: Database, artifactPrefix: String) throws -> MergeSummary {
        var s = MergeSummary()
        try db.execute(sql: """
            INSERT INTO main.experiments (name, spec_hash, spec_json, registered_at)
            SELECT name, spec_hash, spec_json, registered_at FROM src.experiments WHERE true
            ON CONFLICT(name) DO UPDATE SET spec_hash = excluded.spec_hash, spec_json = excluded.spec_json,
                registered_at = excluded.registered_at
            WHERE excluded.registered_at > experiments.registered_at
            """)
        s.experiments = db.changesCount
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.jobs") ?? 0
        try db.execute(sql: """
            INSERT INTO main.jobs (id, config_json, summary, status, attempts, worker, heartbeat_at,
                                   claimed_at, finished_at, created_at, retry_from)
            SELECT id, config_json, summary, status, attempts, worker, heartbeat_at, claimed_at,
                   finished_at, created_at, retry_from FROM src.jobs WHERE true
            ON CONFLICT(id) DO UPDATE SET status = excluded.status, attempts = max(jobs.attempts, excluded.attempts),
                worker = excluded.worker, heartbeat_at = excluded.heartbeat_at, claimed_at = excluded.claimed_at,
                finished_at = excluded.finished_at, retry_from = excluded.retry_from
            WHERE \(rank("excluded.status")) > \(rank("jobs.status"))
            """)
        let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.jobs") ?? 0
        s.jobsInserted = after - before
        s.jobsUpgraded = db.changesCount - s.jobsInserted
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.experiment_jobs (experiment, job_id, row_key, column_key, seed)
            SELECT experiment, job_id, row_key, column_key, seed FROM src.experiment_jobs
            """)
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.runs (uid, job_id, attempt, worker, status, started_at, ended_at,
                wall_seconds, error, package_version, git_commit, git_dirty, swift_version, os, blas, host,
                data_fingerprints_json, details_json)
            SELECT uid, job_id, attempt, worker, status, started_at, ended_at, wall_seconds, error,
                package_version, git_commit, git_dirty, swift_version, os, blas, host,
                data_fingerprints_json, details_json FROM src.runs ORDER BY id
            """)
        s.runs = db.changesCount
        // Child rows follow their run through its uid (run ids differ between databases).
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.final_metrics (run_id, split, name, value, is_nan)
            SELECT m.id, f.split, f.name, f.value, f.is_nan FROM src.final_metrics f JOIN \(runJoin("f.run_id"))
            """)
        s.finalMetrics = db.changesCount
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.epoch_metrics (run_id, epoch, name, value, is_nan)
            SELECT m.id, f.epoch, f.name, f.value, f.is_nan FROM src.epoch_metrics f JOIN \(runJoin("f.run_id"))
            """)
        s.epochMetrics = db.changesCount
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.artifacts (run_id, kind, path, sha256, bytes)
            SELECT m.id, a.kind, CASE WHEN substr(a.path, 1, 1) = '/' THEN a.path ELSE ? || a.path END,
                   a.sha256, a.bytes FROM src.artifacts a JOIN \(runJoin("a.run_id"))
            """, arguments: [artifactPrefix])
        s.artifacts = db.changesCount
        return s
    }

    /// Every row of every table, as text, in a stable order (merge idempotence checks).
    public func dump() throws -> String {
        try writer.read { db in
            var lines: [String] = []
            let orders = ["experiments": "name", "jobs": "id", "experiment_jobs": "experiment, job_id",
                          "runs": "uid", "epoch_metrics": "run_id, epoch, name",
                          "final_metrics": "run_id, split, name", "artifacts": "run_id, kind, path"]
            for table in Self.tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(orders[table]!)") {
                    lines.append("\(table) \(row.description)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
