import Foundation
import GRDB

/// A row of `experiments`: one registered experiment spec.
public struct ExperimentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "experiments"
    public var name: String
    /// SHA-256 of the spec's canonical JSON.
    public var specHash: String
    /// The spec itself (canonical JSON).
    public var specJSON: String
    public var registeredAt: Date

    public init(name: String, specHash: String, specJSON: String, registeredAt: Date) {
        self.name = name
        self.specHash = specHash
        self.specJSON = specJSON
        self.registeredAt = registeredAt
    }

    enum CodingKeys: String, CodingKey {
        case name, specHash = "spec_hash", specJSON = "spec_json", registeredAt = "registered_at"
    }
}

/// A row of `experiment_jobs`: a job belongs to an experiment's report cell (row × column, seed).
/// A job shared by two experiments has one row per experiment and runs once.
public struct ExperimentJobRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "experiment_jobs"
    public var experiment: String
    public var jobID: String
    public var row: String
    public var column: String
    /// Stored as SQLite INTEGER (bit pattern of the UInt64; seeds above 2^63 read back negative in `sqlite3`).
    public var seed: UInt64

    public init(experiment: String, jobID: String, row: String, column: String, seed: UInt64) {
        self.experiment = experiment
        self.jobID = jobID
        self.row = row
        self.column = column
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case experiment, jobID = "job_id", row = "row_key", column = "column_key", seed
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experiment = try c.decode(String.self, forKey: .experiment)
        jobID = try c.decode(String.self, forKey: .jobID)
        row = try c.decode(String.self, forKey: .row)
        column = try c.decode(String.self, forKey: .column)
        seed = UInt64(bitPattern: try c.decode(Int64.self, forKey: .seed))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experiment, forKey: .experiment)
        try c.encode(jobID, forKey: .jobID)
        try c.encode(row, forKey: .row)
        try c.encode(column, forKey: .column)
        try c.encode(Int64(bitPattern: seed), forKey: .seed)
    }
}
