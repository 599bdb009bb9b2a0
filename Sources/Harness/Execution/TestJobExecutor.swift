import Foundation

/// A deterministic executor for runner tests, selected with `ZEROLOG_TEST_EXECUTOR`. It trains
/// nothing: it sleeps, reports epochs, and returns bookkeeping metrics (never model scores).
///
/// Spec: comma-separated options, e.g. `sleep-ms:50,fail-seeds:3+5`.
/// - `sleep-ms:N`: each job takes N ms (in 5 ms slices, checking cancellation).
/// - `fail-seeds:a+b`: jobs with these seeds throw on every attempt.
public struct TestJobExecutor: JobExecutor {
    public var sleepMilliseconds: Int
    public var failingSeeds: Set<UInt64>

    public init(spec: String) throws {
        var sleep = 0
        var failing = Set<UInt64>()
        for option in spec.split(separator: ",") {
            let parts = option.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw JobExecutionError.invalidTestExecutor(spec: spec, reason: "option '\(option)' has no ':'")
            }
            switch parts[0] {
            case "sleep-ms":
                guard let ms = Int(parts[1]), ms >= 0 else {
                    throw JobExecutionError.invalidTestExecutor(spec: spec, reason: "sleep-ms needs a non-negative integer")
                }
                sleep = ms
            case "fail-seeds":
                for seed in parts[1].split(separator: "+") {
                    guard let s = UInt64(seed) else {
                        throw JobExecutionError.invalidTestExecutor(spec: spec, reason: "fail-seeds: '\(seed)' is not a seed")
                    }
                    failing.insert(s)
                }
            default:
                throw JobExecutionError.invalidTestExecutor(spec: spec, reason: "unknown option '\(parts[0])'")
            }
        }
        self.sleepMilliseconds = sleep
        self.failingSeeds = failing
    }

    public func execute(_ job: PlannedJob, context: JobContext) throws -> JobOutcome {
        var slept = 0
        while slept < sleepMilliseconds {
            if context.isCancelled() { throw JobExecutionError.cancelled }
            let slice = min(5, sleepMilliseconds - slept)
            Thread.sleep(forTimeInterval: Double(slice) / 1000)
            slept += slice
        }
        if context.isCancelled() { throw JobExecutionError.cancelled }
        if failingSeeds.contains(job.job.seed) {
            throw JobExecutionError.injectedFailure("test executor: seed \(job.job.seed) is configured to fail")
        }
        context.recordEpoch(EpochMetrics(epoch: 0, values: ["slept_ms": Double(slept), "nan_probe": .nan]))
        let file = context.artifactDirectory.appendingPathComponent("job.txt")
        try Data("\(job.id)\n".utf8).write(to: file)
        return JobOutcome(metrics: ["test": ["seed": Double(job.job.seed), "nan_probe": .nan]],
                          artifacts: [Artifact(kind: "job-id", path: "job.txt")],
                          details: ["executor": .string("test"), "slept_ms": .number(Double(slept))])
    }
}
