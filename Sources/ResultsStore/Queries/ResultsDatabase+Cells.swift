import Foundation
import GRDB

/// One job of an experiment as a report sees it: the cell it fills, its status, its test
/// metrics (from the latest successful run), the last error, and ROC points when recorded.
public struct CellResult: Sendable {
    public var row: String
    public var column: String
    public var seed: UInt64
    public var jobID: String
    public var status: JobStatus
    /// Final metrics of split `test` by name (`f1`, `precision`, ...); NaN kept. Empty unless done.
    public var metrics: [String: Double]
    /// Error of the latest failed (or lost) attempt when the job is not done.
    public var error: String?
    /// ROC curve points of the latest successful run, from its `roc` artifact when there is one.
    public var rocPoints: [(fpr: Double, tpr: Double)]?

    public init(row: String, column: String, seed: UInt64, jobID: String, status: JobStatus,
                metrics: [String: Double], error: String?, rocPoints: [(fpr: Double, tpr: Double)]?) {
        self.row = row
        self.column = column
        self.seed = seed
        self.jobID = jobID
        self.status = status
        self.metrics = metrics
        self.error = error
        self.rocPoints = rocPoints
    }
}

// MARK: - Queries for reports

extension ResultsDatabase {
    /// The split whose final metrics `cellResults` reports.
    public static let reportSplit = "test"

    /// Status of each known job among `ids` (unknown ids are absent from the result).
    public func jobStatuses(ids: [String]) throws -> [String: JobStatus] {
        try writer.read { db in
            var out: [String: JobStatus] = [:]
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT id, status FROM jobs WHERE id IN (\(marks))",
                                            arguments: StatementArguments(chunk))
                for row in rows {
                    if let status = JobStatus(rawValue: row["status"]) { out[row["id"]] = status }
                }
            }
            return out
        }
    }

    /// Every job of `experiment`, ordered by row, column, seed. Throws when the experiment is
    /// not registered in this database.
    public func cellResults(experiment: String) throws -> [CellResult] {
        try writer.read { db in
            guard try ExperimentRecord.fetchOne(db, key: experiment) != nil else {
                throw ResultsStoreError.unknownExperiment(experiment)
            }
            let links = try ExperimentJobRecord.fetchAll(db, sql: """
                SELECT * FROM experiment_jobs WHERE experiment = ? ORDER BY row_key, column_key, seed, job_id
                """, arguments: [experiment])
            return try links.map { link in
                let status = try String.fetchOne(db, sql: "SELECT status FROM jobs WHERE id = ?",
                                                 arguments: [link.jobID]).flatMap(JobStatus.init(rawValue:)) ?? .pending
                var metrics: [String: Double] = [:]
                var roc: [(fpr: Double, tpr: Double)]?
                var error: String?
                if let runID = try Int64.fetchOne(db, sql: """
                    SELECT id FROM runs WHERE job_id = ? AND status = 'done' ORDER BY ended_at DESC, id DESC LIMIT 1
                    """, arguments: [link.jobID]) {
                    for m in try FinalMetricRecord.fetchAll(db, sql: """
                        SELECT * FROM final_metrics WHERE run_id = ? AND split = ?
                        """, arguments: [runID, Self.reportSplit]) {
                        metrics[m.name] = m.metric
                    }
                    if let artifact = try ArtifactRecord.fetchOne(db, sql: """
                        SELECT * FROM artifacts WHERE run_id = ? AND kind = 'roc' ORDER BY path LIMIT 1
                        """, arguments: [runID]) {
                        roc = try ROCFile.read(resolve(artifact.path))
                    }
                }
                if status != .done {
                    error = try String.fetchOne(db, sql: """
                        SELECT error FROM runs WHERE job_id = ? AND status IN ('failed', 'lost')
                        ORDER BY ended_at DESC, id DESC LIMIT 1
                        """, arguments: [link.jobID])
                }
                return CellResult(row: link.row, column: link.column, seed: link.seed, jobID: link.jobID,
                                  status: status, metrics: metrics, error: error, rocPoints: roc)
            }
        }
    }
}

/// The `roc` artifact format: JSON, one of `{"fpr": [...], "tpr": [...]}`, `[[fpr, tpr], ...]`, or
/// curves by split `{"test": [[fpr, tpr], ...], "validation": ...}` (what `zerolog train` writes;
/// reports read the `test` curve).
public enum ROCFile {
    /// Writes points as `{"fpr": [...], "tpr": [...]}`.
    public static func write(_ points: [(fpr: Double, tpr: Double)], to url: URL) throws {
        let object: [String: [Double]] = ["fpr": points.map(\.fpr), "tpr": points.map(\.tpr)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(object).write(to: url, options: .atomic)
    }

    private static func pointPairs(_ pairs: [[Double]]) -> [(fpr: Double, tpr: Double)]? {
        guard pairs.allSatisfy({ $0.count == 2 }) else { return nil }
        return pairs.map { (fpr: $0[0], tpr: $0[1]) }
    }

    /// Reads any of the formats; throws naming the file when it is missing or malformed.
    public static func read(_ url: URL) throws -> [(fpr: Double, tpr: Double)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ResultsStoreError.invalidValue(field: "roc artifact", reason: "cannot read \(url.path): \(error)")
        }
        if let columns = try? JSONDecoder().decode([String: [Double]].self, from: data),
           let fpr = columns["fpr"], let tpr = columns["tpr"], fpr.count == tpr.count {
            return zip(fpr, tpr).map { (fpr: $0, tpr: $1) }
        }
        if let pairs = try? JSONDecoder().decode([[Double]].self, from: data), let points = pointPairs(pairs) {
            return points
        }
        if let bySplit = try? JSONDecoder().decode([String: [[Double]]].self, from: data),
           let test = bySplit["test"], let points = pointPairs(test) {
            return points
        }
        throw ResultsStoreError.invalidValue(
            field: "roc artifact",
            reason: "\(url.path) is neither {\"fpr\":[..],\"tpr\":[..]}, [[fpr,tpr],..] nor {\"test\":[[fpr,tpr],..]}")
    }
}
