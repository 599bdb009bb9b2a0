import ContentHash
import Foundation
import GRDB

/// A file a run produced, before the store hashes it.
public struct ArtifactFile: Sendable, Equatable {
    public var kind: String
    /// Absolute, or relative to the database file's directory.
    public var path: String
    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }
}

// MARK: - Recording the end of an attempt

extension ResultsDatabase {
    /// Records one epoch's metrics of a running attempt (NaN kept as a flag).
    public func recordEpoch(runID: Int64, epoch: Int, values: [String: Double]) throws {
        try writer.write { db in
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                try EpochMetricRecord(runID: runID, epoch: epoch, name: name, metric: value).upsert(db)
            }
        }
    }

    /// Stores a finished attempt in ONE transaction: the run's end, its final metrics (by split
    /// then name; NaN kept), its artifacts (hashed first, outside the transaction) and the job's
    /// status `done`. Nothing is half-written: a crash leaves either all of it or none.
    public func complete(run claimed: ClaimedJob, worker: String, metrics: [String: [String: Double]],
                         artifacts: [ArtifactFile], detailsJSON: String?, now: Date) throws {
        let hashed = try artifacts.map { file -> ArtifactRecord in
            let url = resolve(file.path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ResultsStoreError.invalidValue(field: "artifact \(file.kind)",
                                                     reason: "file \(url.path) does not exist")
            }
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            return ArtifactRecord(runID: claimed.runID, kind: file.kind, path: file.path,
                                  sha256: try ContentDigest.sha256Hex(fileAt: url), bytes: size)
        }
        try writer.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'done', ended_at = ?, wall_seconds = ?, error = NULL, details_json = ?
                WHERE id = ?
                """, arguments: [now, max(0, now.timeIntervalSince(claimed.startedAt)), detailsJSON, claimed.runID])
            guard db.changesCount == 1 else { throw ResultsStoreError.unknownRun(claimed.runID) }
            for (split, values) in metrics.sorted(by: { $0.key < $1.key }) {
                for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                    try FinalMetricRecord(runID: claimed.runID, split: split, name: name, metric: value).upsert(db)
                }
            }
            for artifact in hashed { try artifact.upsert(db) }
            // Done even when the job was re-queued meanwhile: the result is valid either way.
            try db.execute(sql: """
                UPDATE jobs SET status = 'done', finished_at = ?, worker = ?, heartbeat_at = ? WHERE id = ?
                """, arguments: [now, worker, now, claimed.jobID])
        }
    }

    /// Records a failed attempt with its error. The job goes back to pending while it has fewer
    /// than `maxAttempts` failed runs, else it is `failed`. Returns the job's new status.
    @discardableResult
    public func fail(run claimed: ClaimedJob, worker: String, error: String, maxAttempts: Int,
                     now: Date) throws -> JobStatus {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'failed', ended_at = ?, wall_seconds = ?, error = ? WHERE id = ?
                """, arguments: [now, max(0, now.timeIntervalSince(claimed.startedAt)), error, claimed.runID])
            guard db.changesCount == 1 else { throw ResultsStoreError.unknownRun(claimed.runID) }
            let failures = try Int.fetchOne(db, sql: "SELECT \(Self.countedRuns(status: "failed")) FROM jobs WHERE id = ?",
                                            arguments: [claimed.jobID]) ?? 0
            let next: JobStatus = failures >= maxAttempts ? .failed : .pending
            try db.execute(sql: """
                UPDATE jobs SET status = ?, worker = NULL, heartbeat_at = NULL,
                    finished_at = CASE WHEN ? = 'failed' THEN ? ELSE NULL END
                WHERE id = ? AND status = 'running' AND worker = ?
                """, arguments: [next.rawValue, next.rawValue, now, claimed.jobID, worker])
            return try JobRecord.fetchOne(db, key: claimed.jobID)?.status ?? next
        }
    }

    /// Gives an interrupted attempt back (Ctrl-C): the run becomes `interrupted`, the job pending
    /// again with the attempt not counted.
    public func release(run claimed: ClaimedJob, worker: String, reason: String, now: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'interrupted', ended_at = ?, wall_seconds = ?, error = ? WHERE id = ?
                """, arguments: [now, max(0, now.timeIntervalSince(claimed.startedAt)), reason, claimed.runID])
            try db.execute(sql: """
                UPDATE jobs SET status = 'pending', attempts = max(attempts - 1, 0), worker = NULL,
                    heartbeat_at = NULL
                WHERE id = ? AND status = 'running' AND worker = ?
                """, arguments: [claimed.jobID, worker])
        }
    }

    /// `path` as a file URL, relative paths against the database's directory.
    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
    }
}
