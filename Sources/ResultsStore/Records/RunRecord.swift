import Foundation
import GRDB

/// How one attempt ended: `running` (in flight), `done`, `failed` (error recorded),
/// `interrupted` (Ctrl-C; the job went back to pending), `lost` (its worker stopped heartbeating).
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, done, failed, interrupted, lost
}

/// What produced a run: everything about the program that can change a number.
public struct RunProvenance: Codable, Sendable, Equatable {
    public var packageVersion: String
    public var gitCommit: String
    public var gitDirty: Bool
    public var swiftVersion: String
    public var operatingSystem: String
    public var blas: String
    public var host: String

    public init(packageVersion: String, gitCommit: String, gitDirty: Bool, swiftVersion: String,
                operatingSystem: String, blas: String, host: String) {
        self.packageVersion = packageVersion
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.swiftVersion = swiftVersion
        self.operatingSystem = operatingSystem
        self.blas = blas
        self.host = host
    }
}

/// A row of `runs`: one attempt at a job.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"
    public var id: Int64?
    /// Globally unique id of the attempt (merging shard databases matches runs by it).
    public var uid: String
    public var jobID: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var worker: String
    public var status: RunStatus
    public var startedAt: Date
    public var endedAt: Date?
    public var wallSeconds: Double?
    /// The error of a failed attempt (or why it was interrupted or lost).
    public var error: String?
    public var packageVersion: String
    public var gitCommit: String
    public var gitDirty: Bool
    public var swiftVersion: String
    public var os: String
    public var blas: String
    public var host: String
    /// Dataset name → content fingerprint (JSON object).
    public var dataFingerprintsJSON: String
    /// Free-form facts from the executor (JSON object).
    public var detailsJSON: String?

    public var provenance: RunProvenance {
        RunProvenance(packageVersion: packageVersion, gitCommit: gitCommit, gitDirty: gitDirty,
                      swiftVersion: swiftVersion, operatingSystem: os, blas: blas, host: host)
    }

    enum CodingKeys: String, CodingKey {
        case id, uid, jobID = "job_id", attempt, worker, status, startedAt = "started_at"
        case endedAt = "ended_at", wallSeconds = "wall_seconds", error
        case packageVersion = "package_version", gitCommit = "git_commit", gitDirty = "git_dirty"
        case swiftVersion = "swift_version", os, blas, host
        case dataFingerprintsJSON = "data_fingerprints_json", detailsJSON = "details_json"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
