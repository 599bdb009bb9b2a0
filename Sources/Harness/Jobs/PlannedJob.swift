import ContentHash
import Methods

/// One job of an expanded experiment: a frozen `TrainingJob`, its content-hash id, and the report
/// cell it fills. Two specs that expand to the same `TrainingJob` share the id, so it runs once.
public struct PlannedJob: Codable, Hashable, Sendable {
    /// SHA-256 of the canonical JSON of `job` (seed and dataset fingerprints included, git commit not).
    public var id: String
    public var job: TrainingJob
    /// Report row key (e.g. `zerolog`, `zerolog-no-meta`, `beta=2`).
    public var row: String
    /// Report column key (e.g. `hdfs→bgl`).
    public var column: String

    public init(job: TrainingJob, row: String, column: String) throws {
        self.id = try job.contentID()
        self.job = job
        self.row = row
        self.column = column
    }

    /// The frozen configuration as stored (canonical JSON).
    public func configJSON() throws -> String { try CanonicalJSON.string(job) }
    /// A one-line human description for progress output.
    public var summary: String {
        "\(job.method) \(job.source.map { "\($0)→" } ?? "")\(job.target) seed=\(job.seed)"
    }
}

/// An experiment spec after validation and expansion: everything the runner and the store need.
public struct ExpandedExperiment: Codable, Sendable {
    public var name: String
    /// SHA-256 of the spec file's canonical JSON.
    public var specHash: String
    /// The spec itself (canonical JSON), stored with the experiment.
    public var specJSON: String
    public var jobs: [PlannedJob]

    public init(name: String, specHash: String, specJSON: String, jobs: [PlannedJob]) {
        self.name = name
        self.specHash = specHash
        self.specJSON = specJSON
        self.jobs = jobs
    }
}
