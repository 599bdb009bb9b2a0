import Foundation
import GRDB

/// Where a job is in its life: `pending` (queued or re-queued), `running` (claimed by a worker
/// that heartbeats), `done` (results stored), `failed` (every allowed attempt failed).
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    case pending, running, done, failed
}

/// A row of `jobs`: one unit of work, keyed by the content hash of its frozen configuration.
public struct JobRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "jobs"
    /// SHA-256 of the canonical JSON of the job's configuration.
    public var id: String
    /// The frozen configuration (canonical JSON).
    public var configJSON: String
    /// One human line (`zerolog hdfs→bgl seed=1`).
    public var summary: String
    public var status: JobStatus
    /// Attempts started so far (an interrupted attempt is given back).
    public var attempts: Int
    /// `host:pid` of the worker holding it while running.
    public var worker: String?
    public var heartbeatAt: Date?
    public var claimedAt: Date?
    public var finishedAt: Date?
    public var createdAt: Date
    /// Failed and lost runs started before this no longer count against the limits (`--retry-failed`).
    public var retryFrom: Date?

    public init(id: String, configJSON: String, summary: String, status: JobStatus = .pending,
                attempts: Int = 0, worker: String? = nil, heartbeatAt: Date? = nil,
                claimedAt: Date? = nil, finishedAt: Date? = nil, createdAt: Date, retryFrom: Date? = nil) {
        self.id = id
        self.configJSON = configJSON
        self.summary = summary
        self.status = status
        self.attempts = attempts
        self.worker = worker
        self.heartbeatAt = heartbeatAt
        self.claimedAt = claimedAt
        self.finishedAt = finishedAt
        self.createdAt = createdAt
        self.retryFrom = retryFrom
    }

    enum CodingKeys: String, CodingKey {
        case id, configJSON = "config_json", summary, status, attempts, worker
        case heartbeatAt = "heartbeat_at", claimedAt = "claimed_at", finishedAt = "finished_at"
        case createdAt = "created_at", retryFrom = "retry_from"
    }
}
