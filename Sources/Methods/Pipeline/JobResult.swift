import ContentHash
import Foundation

/// Everything a finished job produced: metrics by split, the labeled target session ids, split
/// sizes, per-epoch reports, timings and written files.
public struct JobResult: Codable, Sendable {
    public struct File: Codable, Sendable, Equatable {
        public var kind: String
        public var path: String
    }

    public var job: TrainingJob
    public var hyperparameters: [String: JSONValue]
    /// `test` (target test part), `validation` (source validation), `source-test`.
    public var metrics: [String: DetectionMetrics]
    public var labeledTargetSessionIDs: [String]
    public var splitSizes: [String: Int]
    public var epochs: [EpochReportRecord]
    public var timings: [String: Double]
    public var artifacts: [File]

    init(job: TrainingJob, hyperparameters: [String: JSONValue], metrics: [String: DetectionMetrics],
         labeledTargetSessionIDs: [String], splitSizes: [String: Int], epochs: [EpochReport],
         timings: [String: Double], artifacts: [File]) {
        self.job = job
        self.hyperparameters = hyperparameters
        self.metrics = metrics
        self.labeledTargetSessionIDs = labeledTargetSessionIDs
        self.splitSizes = splitSizes
        self.epochs = epochs.map { EpochReportRecord(epoch: $0.epoch, values: $0.values) }
        self.timings = timings
        self.artifacts = artifacts
    }

    /// The closing line of `zerolog train`.
    public var summaryLine: String { metrics["test"]?.summaryLine ?? "no test metrics" }

    /// Writes `metrics.json` (this whole record; NaN encoded as the string "nan").
    func writeJSON(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("metrics.json")
        try Self.encoder.encode(self).write(to: url)
        return url
    }

    /// Writes `roc.json`: split → [[fpr, tpr], …].
    func writeROC(to directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("roc.json")
        let curves = metrics.mapValues { m in m.rocPoints.map { [$0.fpr, $0.tpr] } }
        try Self.encoder.encode(curves).write(to: url)
        return url
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
}

/// `EpochReport` as stored in `metrics.json`.
public struct EpochReportRecord: Codable, Sendable {
    public var epoch: Int
    public var values: [String: Double]
}
