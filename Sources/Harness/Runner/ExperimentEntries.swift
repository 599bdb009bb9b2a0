import Foundation
import ResultsStore

// MARK: - Converting harness values into the store's plain values

extension ExpandedExperiment {
    /// The experiment as the store registers it.
    public var storeEntry: ExperimentEntry {
        ExperimentEntry(name: name, specHash: specHash, specJSON: specJSON)
    }

    /// The jobs as the store enqueues them, restricted to `shard` when given.
    public func storeJobs(shard: ShardSelector? = nil) throws -> [JobEntry] {
        try jobs.filter { shard?.contains(jobID: $0.id) ?? true }.map { try $0.storeEntry() }
    }
}

extension PlannedJob {
    public func storeEntry() throws -> JobEntry {
        JobEntry(id: id, configJSON: try configJSON(), summary: summary, row: row, column: column, seed: job.seed)
    }
}

extension Provenance {
    public var storeProvenance: RunProvenance {
        RunProvenance(packageVersion: packageVersion, gitCommit: gitCommit, gitDirty: gitDirty,
                      swiftVersion: swiftVersion, operatingSystem: operatingSystem, blas: blas, host: host)
    }
}
