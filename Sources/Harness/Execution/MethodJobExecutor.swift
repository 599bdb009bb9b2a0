import ContentHash
import Foundation
import LogData
import Methods

/// Runs a planned job's `TrainingJob` through `JobPipeline` — the same code path as `zerolog train` —
/// and turns the result into a `JobOutcome`: metrics by split (`test`, `validation`, `source-test`),
/// checkpoint/ROC/metrics files as artifacts, labeled target session ids, split sizes and timings
/// in details. Epoch metrics go to `context.recordEpoch`; a cancelled job stops between epochs and
/// throws `JobExecutionError.cancelled` (a partly trained model is never recorded as a result).
public struct MethodJobExecutor: JobExecutor {
    public var locations: DataLocations

    public init(locations: DataLocations = .fromEnvironment()) {
        self.locations = locations
    }

    public func execute(_ job: PlannedJob, context: JobContext) throws -> JobOutcome {
        let pipeline = try JobPipeline.preparing(locations: locations)
        let observer = TrainingObserver(
            epochEnded: { context.recordEpoch(EpochMetrics(epoch: $0.epoch, values: $0.values)) },
            shouldStop: context.isCancelled)
        let result = try pipeline.run(job.job, artifactDirectory: context.artifactDirectory, observer: observer)
        if context.isCancelled() { throw JobExecutionError.cancelled }
        return Self.outcome(result)
    }

    /// The outcome the store keeps for a pipeline result.
    public static func outcome(_ result: JobResult) -> JobOutcome {
        var metrics: [String: [String: Double]] = [:]
        for (split, m) in result.metrics { metrics[split] = m.values }
        var details: [String: JSONValue] = [
            "labeled_target_session_ids": .array(result.labeledTargetSessionIDs.map { .string($0) }),
            "split_sizes": .object(result.splitSizes.mapValues { .number(Double($0)) }),
            "timings_seconds": .object(result.timings.mapValues { .number($0) }),
            "duplicates": .string("duplicate sessions are kept and counted; distinct_sessions counts distinct event sequences"),
        ]
        if let roc = result.metrics["test"]?.rocPoints {
            details["test_roc"] = .array(roc.map { .array([.number($0.fpr), .number($0.tpr)]) })
        }
        return JobOutcome(metrics: metrics,
                          artifacts: result.artifacts.map { Artifact(kind: $0.kind, path: $0.path) },
                          details: details)
    }
}
