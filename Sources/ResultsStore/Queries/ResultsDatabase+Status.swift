import Foundation
import GRDB

/// What `zerolog status` prints: counts by status, running and stale jobs, last errors.
public struct StoreStatus: Sendable {
    public struct RunningJob: Sendable {
        public var jobID: String
        public var summary: String
        public var worker: String
        public var heartbeatAt: Date
        public var attempts: Int
    }
    public struct RecentError: Sendable {
        public var jobID: String
        public var summary: String
        public var attempt: Int
        public var runStatus: RunStatus
        public var endedAt: Date?
        public var error: String
    }
    /// Jobs by status (every status present, zero when none).
    public var counts: [JobStatus: Int]
    public var running: [RunningJob]
    public var recentErrors: [RecentError]
    public var total: Int { counts.values.reduce(0, +) }
}

// MARK: - Status

extension ResultsDatabase {
    /// Counts, running jobs and the `errorLimit` latest errors, of one experiment or of everything.
    public func status(experiment: String?, errorLimit: Int = 5) throws -> StoreStatus {
        try writer.read { db in
            if let experiment, try ExperimentRecord.fetchOne(db, key: experiment) == nil {
                throw ResultsStoreError.unknownExperiment(experiment)
            }
            let scope = experiment == nil ? "1" : "id IN (SELECT job_id FROM experiment_jobs WHERE experiment = ?)"
            let args: StatementArguments = experiment.map { [$0] } ?? []
            var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM jobs WHERE \(scope) GROUP BY status",
                                        arguments: args) {
                if let s = JobStatus(rawValue: row["status"]) { counts[s] = row["n"] }
            }
            let running = try JobRecord.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE status = 'running' AND \(scope) ORDER BY heartbeat_at
                """, arguments: args).map {
                StoreStatus.RunningJob(jobID: $0.id, summary: $0.summary, worker: $0.worker ?? "?",
                                       heartbeatAt: $0.heartbeatAt ?? $0.createdAt, attempts: $0.attempts)
            }
            let errorScope = experiment == nil ? "1" : "r.job_id IN (SELECT job_id FROM experiment_jobs WHERE experiment = ?)"
            var errorArgs = args
            errorArgs += [errorLimit]
            let errors = try Row.fetchAll(db, sql: """
                SELECT r.job_id, j.summary, r.attempt, r.status, r.ended_at, r.error
                FROM runs r JOIN jobs j ON j.id = r.job_id
                WHERE r.error IS NOT NULL AND r.status IN ('failed', 'lost') AND \(errorScope)
                ORDER BY r.ended_at DESC, r.id DESC LIMIT ?
                """, arguments: errorArgs).map { row in
                StoreStatus.RecentError(jobID: row["job_id"], summary: row["summary"], attempt: row["attempt"],
                                        runStatus: RunStatus(rawValue: row["status"]) ?? .failed,
                                        endedAt: row["ended_at"], error: row["error"])
            }
            return StoreStatus(counts: counts, running: running, recentErrors: errors)
        }
    }

    /// Counts by status of one experiment's jobs (the runner's progress line polls this).
    public func statusCounts(experiment: String) throws -> [JobStatus: Int] {
        try writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: """
                SELECT j.status, COUNT(*) AS n FROM jobs j JOIN experiment_jobs e ON e.job_id = j.id
                WHERE e.experiment = ? GROUP BY j.status
                """, arguments: [experiment]) {
                if let s = JobStatus(rawValue: row["status"]) { counts[s] = row["n"] }
            }
            return counts
        }
    }

    /// Summaries of the running jobs of an experiment (progress line).
    public func runningSummaries(experiment: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT j.summary FROM jobs j JOIN experiment_jobs e ON e.job_id = j.id
                WHERE e.experiment = ? AND j.status = 'running' ORDER BY j.claimed_at
                """, arguments: [experiment])
        }
    }
}
