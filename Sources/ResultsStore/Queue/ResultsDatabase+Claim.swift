import Foundation
import GRDB

/// A job a worker now holds, and the run row of this attempt.
public struct ClaimedJob: Sendable, Equatable {
    public var jobID: String
    public var configJSON: String
    public var summary: String
    public var runID: Int64
    public var runUID: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var startedAt: Date
}

// MARK: - Claiming, heartbeats and stale jobs

extension ResultsDatabase {
    /// A worker that stops heartbeating this many times on one job fails it (a job that kills
    /// its process, e.g. by running out of memory, must not loop forever).
    public static let maxLostAttempts = 3

    /// Atomically claims one pending job (of `experiment`, or of any experiment when nil) for
    /// `worker` and opens its run row, in one `BEGIN IMMEDIATE` transaction: two processes can
    /// never claim the same job. Returns nil when nothing is pending.
    ///
    /// `dataFingerprints` maps the job's config JSON to the JSON object recorded with the run.
    public func claimNextJob(experiment: String?, worker: String, provenance: RunProvenance,
                             now: Date,
                             dataFingerprints: (String) -> String = { _ in "{}" }) throws -> ClaimedJob? {
        try writer.writeWithoutTransaction { db in
            var claimed: ClaimedJob?
            try db.inTransaction(.immediate) {
                let job: JobRecord?
                if let experiment {
                    job = try JobRecord.fetchOne(db, sql: """
                        SELECT j.* FROM jobs j
                        JOIN experiment_jobs e ON e.job_id = j.id AND e.experiment = ?
                        WHERE j.status = 'pending' ORDER BY j.id LIMIT 1
                        """, arguments: [experiment])
                } else {
                    job = try JobRecord.fetchOne(db, sql: "SELECT * FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1")
                }
                guard let job else { return .commit }
                try db.execute(sql: """
                    UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = ?,
                        claimed_at = ?, heartbeat_at = ?, finished_at = NULL
                    WHERE id = ? AND status = 'pending'
                    """, arguments: [worker, now, now, job.id])
                guard db.changesCount == 1 else { return .rollback }
                var run = RunRecord(
                    id: nil, uid: UUID().uuidString.lowercased(), jobID: job.id, attempt: job.attempts + 1,
                    worker: worker, status: .running, startedAt: now, endedAt: nil, wallSeconds: nil,
                    error: nil, packageVersion: provenance.packageVersion, gitCommit: provenance.gitCommit,
                    gitDirty: provenance.gitDirty, swiftVersion: provenance.swiftVersion,
                    os: provenance.operatingSystem, blas: provenance.blas, host: provenance.host,
                    dataFingerprintsJSON: dataFingerprints(job.configJSON), detailsJSON: nil)
                try run.insert(db)
                claimed = ClaimedJob(jobID: job.id, configJSON: job.configJSON, summary: job.summary,
                                     runID: run.id!, runUID: run.uid, attempt: run.attempt, startedAt: now)
                return .commit
            }
            return claimed
        }
    }

    /// Refreshes the heartbeat of a job `worker` holds. Returns false when the job is no longer
    /// held by `worker` (re-queued as stale, or finished).
    @discardableResult
    public func heartbeat(jobID: String, worker: String, now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND status = 'running' AND worker = ?
                """, arguments: [now, jobID, worker])
            return db.changesCount == 1
        }
    }

    /// Re-queues running jobs whose worker is gone: their heartbeat is older than `cutoff`, or
    /// `isGone(worker)` says so (e.g. a worker process on this host that no longer exists, so a
    /// `kill -9`'d sweep resumes at once instead of after the stale period). Their open runs
    /// become `lost`, and the job goes back to pending, or to failed after `maxLostAttempts` lost
    /// runs. Returns the ids re-queued or failed.
    @discardableResult
    public func requeueStale(olderThan cutoff: Date, now: Date,
                             isGone: (String) -> Bool = { _ in false }) throws -> [String] {
        try writer.write { db in
            let running = try JobRecord.fetchAll(db, sql: "SELECT * FROM jobs WHERE status = 'running' ORDER BY id")
            let abandoned = running.compactMap { job -> (job: JobRecord, reason: String)? in
                let worker = job.worker ?? "?", beat = job.heartbeatAt.map { "\($0)" } ?? "never"
                if (job.heartbeatAt.map { $0 < cutoff }) ?? true {
                    return (job, "worker \(worker) stopped heartbeating (last heartbeat \(beat))")
                }
                if (job.worker.map(isGone)) ?? false {
                    return (job, "worker \(worker) no longer exists (last heartbeat \(beat))")
                }
                return nil
            }
            for (job, reason) in abandoned {
                try db.execute(sql: """
                    UPDATE runs SET status = 'lost', ended_at = ?, error = ?
                    WHERE job_id = ? AND status = 'running'
                    """, arguments: [now, reason, job.id])
                let lost = try Int.fetchOne(db, sql: "SELECT \(Self.countedRuns(status: "lost")) FROM jobs WHERE id = ?",
                                            arguments: [job.id]) ?? 0
                let next: JobStatus = lost >= Self.maxLostAttempts ? .failed : .pending
                try db.execute(sql: """
                    UPDATE jobs SET status = ?, worker = NULL, heartbeat_at = NULL,
                        finished_at = CASE WHEN ? = 'failed' THEN ? ELSE NULL END
                    WHERE id = ?
                    """, arguments: [next.rawValue, next.rawValue, now, job.id])
            }
            return abandoned.map(\.job.id)
        }
    }
}
