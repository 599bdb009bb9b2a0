import Foundation
import GRDB

/// An experiment as the store sees it: plain values (the store knows nothing of specs).
public struct ExperimentEntry: Sendable, Equatable {
    public var name: String
    public var specHash: String
    public var specJSON: String
    public init(name: String, specHash: String, specJSON: String) {
        self.name = name
        self.specHash = specHash
        self.specJSON = specJSON
    }
}

/// One job to enqueue: its content-hash id, frozen configuration, and the report cell it fills.
public struct JobEntry: Sendable, Equatable {
    public var id: String
    public var configJSON: String
    public var summary: String
    public var row: String
    public var column: String
    public var seed: UInt64
    public init(id: String, configJSON: String, summary: String, row: String, column: String, seed: UInt64) {
        self.id = id
        self.configJSON = configJSON
        self.summary = summary
        self.row = row
        self.column = column
        self.seed = seed
    }
}

/// What registering an experiment did.
public struct EnqueueSummary: Sendable, Equatable {
    /// Jobs of the experiment (after de-duplication by id).
    public var total: Int
    /// Jobs new to this database.
    public var inserted: Int
    /// Jobs already done (by this or another experiment): skipped.
    public var alreadyDone: Int
    /// Failed jobs put back to pending because they have attempts left.
    public var requeuedFailed: Int
}

// MARK: - Registering experiments and enqueuing jobs

extension ResultsDatabase {
    /// Registers `experiment` (an edited spec replaces the old one and its job links) and enqueues
    /// `jobs` with INSERT OR IGNORE: a job already known (from an earlier run or another
    /// experiment) keeps its status and results, so it runs once. Failed jobs with fewer than
    /// `maxAttempts` failed runs go back to pending.
    @discardableResult
    /// With `retryFailed`, every failed job gets fresh attempts (its old failures stop counting).
    public func register(experiment: ExperimentEntry, jobs: [JobEntry], maxAttempts: Int,
                         retryFailed: Bool = false, now: Date) throws -> EnqueueSummary {
        var seen = Set<String>()
        let unique = jobs.filter { seen.insert($0.id).inserted }
        return try writer.write { db in
            let previous = try ExperimentRecord.fetchOne(db, key: experiment.name)
            try ExperimentRecord(name: experiment.name, specHash: experiment.specHash,
                                 specJSON: experiment.specJSON, registeredAt: now).upsert(db)
            // An edited spec replaces the experiment's cells; the same spec only adds to them
            // (two shards of one spec may share a database).
            if let previous, previous.specHash != experiment.specHash {
                try db.execute(sql: "DELETE FROM experiment_jobs WHERE experiment = ?", arguments: [experiment.name])
            }
            var inserted = 0
            for job in unique {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO jobs (id, config_json, summary, status, attempts, created_at)
                    VALUES (?, ?, ?, 'pending', 0, ?)
                    """, arguments: [job.id, job.configJSON, job.summary, now])
                inserted += db.changesCount
                try ExperimentJobRecord(experiment: experiment.name, jobID: job.id, row: job.row,
                                        column: job.column, seed: job.seed).upsert(db)
            }
            let requeued = retryFailed
                ? try Self.retryAllFailed(db, experiment: experiment.name, now: now)
                : try Self.requeueFailed(db, experiment: experiment.name, maxAttempts: maxAttempts)
            let done = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM experiment_jobs e JOIN jobs j ON j.id = e.job_id
                WHERE e.experiment = ? AND j.status = 'done'
                """, arguments: [experiment.name]) ?? 0
            return EnqueueSummary(total: unique.count, inserted: inserted, alreadyDone: done,
                                  requeuedFailed: requeued)
        }
    }

    /// Failed jobs of `experiment` with fewer than `maxAttempts` failed runs back to pending.
    static func requeueFailed(_ db: Database, experiment: String, maxAttempts: Int) throws -> Int {
        try db.execute(sql: """
            UPDATE jobs SET status = 'pending', worker = NULL, heartbeat_at = NULL, finished_at = NULL
            WHERE status = 'failed'
              AND id IN (SELECT job_id FROM experiment_jobs WHERE experiment = ?)
              AND \(countedRuns(status: "failed")) < ?
            """, arguments: [experiment, maxAttempts])
        return db.changesCount
    }

    /// Every failed job of `experiment` back to pending with fresh attempt limits: its earlier
    /// failed and lost runs stay recorded but stop counting (e.g. after fixing a bug or
    /// implementing a method).
    static func retryAllFailed(_ db: Database, experiment: String, now: Date) throws -> Int {
        try db.execute(sql: """
            UPDATE jobs SET status = 'pending', worker = NULL, heartbeat_at = NULL, finished_at = NULL,
                retry_from = ?
            WHERE status = 'failed' AND id IN (SELECT job_id FROM experiment_jobs WHERE experiment = ?)
            """, arguments: [now, experiment])
        return db.changesCount
    }

    /// The experiment named `name`, nil when not registered.
    public func experiment(named name: String) throws -> ExperimentRecord? {
        try writer.read { db in try ExperimentRecord.fetchOne(db, key: name) }
    }

    /// Every registered experiment, by name.
    public func experiments() throws -> [ExperimentRecord] {
        try writer.read { db in try ExperimentRecord.order(Column("name")).fetchAll(db) }
    }

    /// The link of `jobID` to `experiment` (its report cell and seed), nil when not linked.
    public func experimentJob(experiment: String, jobID: String) throws -> ExperimentJobRecord? {
        try writer.read { db in
            try ExperimentJobRecord.fetchOne(db, key: ["experiment": experiment, "job_id": jobID])
        }
    }

    /// The job with `id`, nil when unknown.
    public func job(id: String) throws -> JobRecord? {
        try writer.read { db in try JobRecord.fetchOne(db, key: id) }
    }

    /// Every run of a job, oldest first.
    public func runs(jobID: String) throws -> [RunRecord] {
        try writer.read { db in
            try RunRecord.filter(Column("job_id") == jobID).order(Column("id")).fetchAll(db)
        }
    }

    /// Final metrics of a run by split then name (NaN restored).
    public func finalMetrics(runID: Int64) throws -> [String: [String: Double]] {
        try writer.read { db in
            var out: [String: [String: Double]] = [:]
            for m in try FinalMetricRecord.filter(Column("run_id") == runID).fetchAll(db) {
                out[m.split, default: [:]][m.name] = m.metric
            }
            return out
        }
    }

    /// Epoch metrics of a run, by epoch.
    public func epochMetrics(runID: Int64) throws -> [EpochMetricRecord] {
        try writer.read { db in
            try EpochMetricRecord.filter(Column("run_id") == runID)
                .order(Column("epoch"), Column("name")).fetchAll(db)
        }
    }

    /// Artifacts of a run.
    public func artifacts(runID: Int64) throws -> [ArtifactRecord] {
        try writer.read { db in
            try ArtifactRecord.filter(Column("run_id") == runID).order(Column("kind"), Column("path")).fetchAll(db)
        }
    }
}
