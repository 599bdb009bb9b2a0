import ContentHash
import Foundation

/// Runs one planned job to completion. The runner owns claiming, heartbeats, retries and the
/// store; an executor only trains and evaluates, reporting progress through `JobContext`.
public protocol JobExecutor: Sendable {
    func execute(_ job: PlannedJob, context: JobContext) throws -> JobOutcome
}

/// What an executor may use while it runs.
public struct JobContext: Sendable {
    /// Id of this attempt's run row.
    public var runID: Int64
    /// Directory for this run's artifacts (checkpoints, predictions); created by the runner.
    public var artifactDirectory: URL
    /// Records one epoch's metrics (training losses, domain accuracy, validation metrics).
    public var recordEpoch: @Sendable (EpochMetrics) -> Void
    /// True once the user asked to stop (Ctrl-C); executors check it between epochs.
    public var isCancelled: @Sendable () -> Bool

    public init(runID: Int64, artifactDirectory: URL,
                recordEpoch: @escaping @Sendable (EpochMetrics) -> Void,
                isCancelled: @escaping @Sendable () -> Bool) {
        self.runID = runID
        self.artifactDirectory = artifactDirectory
        self.recordEpoch = recordEpoch
        self.isCancelled = isCancelled
    }
}

/// Metrics of one epoch: `values` such as `loss_cls`, `loss_adv`, `domain_acc`, `val_f1`.
public struct EpochMetrics: Codable, Sendable {
    public var epoch: Int
    public var values: [String: Double]
    public init(epoch: Int, values: [String: Double]) {
        self.epoch = epoch
        self.values = values
    }
}

/// The result of a finished job.
public struct JobOutcome: Codable, Sendable {
    /// Final metrics by split (`test`, `validation`, `source-test`) then by name (`f1`,
    /// `precision`, `recall`, `auc_roc`, `auc_pr`, `fpr`, `test_sessions`, `test_anomalies`).
    /// NaN values are legal and must survive storage.
    public var metrics: [String: [String: Double]]
    /// Files the job wrote under `JobContext.artifactDirectory` (kind → path).
    public var artifacts: [Artifact]
    /// Free-form facts worth keeping (labeled session ids, OOV rates, wall time per phase).
    public var details: [String: JSONValue]

    public init(metrics: [String: [String: Double]], artifacts: [Artifact] = [], details: [String: JSONValue] = [:]) {
        self.metrics = metrics
        self.artifacts = artifacts
        self.details = details
    }
}

/// A file produced by a job: a checkpoint, ROC points, predictions. `path` is relative to
/// `JobContext.artifactDirectory` (or absolute); the runner stores its SHA-256 and size.
/// Kind `roc` must be the JSON `ResultsStore.ROCFile.write` produces (`{"fpr":[..],"tpr":[..]}`):
/// reports read it back through `CellResult.rocPoints`.
public struct Artifact: Codable, Sendable, Hashable {
    /// `checkpoint`, `roc`, `predictions`, `metrics-json`, ...
    public var kind: String
    public var path: String
    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }
}
