import ArgumentParser
import Foundation
import Harness
import LogData
import ResultsStore

/// `--db`, shared by the store verbs.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite results store.")
    var databasePath: String = "Results/results.sqlite"
}

/// Timing of heartbeats and stale detection, shared by `run` and `worker`.
struct LivenessOptions: ParsableArguments {
    @Option(name: .customLong("max-attempts"), help: "Failed attempts after which a job stays failed.")
    var maxAttempts: Int = 2
    @Option(name: .customLong("heartbeat-seconds"), help: "Seconds between heartbeats of a running job.")
    var heartbeatSeconds: Double = 5
    @Option(name: .customLong("stale-seconds"),
            help: "A running job without a heartbeat for this long belongs to a dead worker and is re-queued.")
    var staleSeconds: Double = 60
}

/// `zerolog run SPEC`: expand, register, enqueue, run pending jobs in N worker processes.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment's jobs into the results store (resumable, multi-process).",
        discussion: """
            Jobs already done are skipped; jobs shared with other experiments run once. Ctrl-C stops
            cleanly (jobs in flight finish or go back to pending); after a crash or `kill -9`, run the
            same command again: jobs of dead workers are re-queued at once when the worker ran on this
            host (its process is gone), otherwise once their heartbeat is stale.
            Exit status: 0 when every job is done, 1 when some failed, 130 when interrupted.
            """)

    @Argument(help: "Experiment spec (or expanded plan JSON).") var spec: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var liveness: LivenessOptions
    @Option(help: "Worker processes.") var workers: Int = 1
    @Option(help: "Run only shard i of n (e.g. 0/4): a deterministic slice of the jobs by id hash.")
    var shard: String?
    @Flag(name: .customLong("retry-failed"),
          help: "Give every failed job fresh attempts (e.g. after a fix); old errors stay recorded.")
    var retryFailed = false

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        if let shard { _ = try ShardSelector(parsing: shard) }
    }

    func run() throws {
        let experiment = try SpecLoading.load(spec)
        let options = SweepOptions(
            databasePath: store.databasePath, workers: workers, shard: try shard.map(ShardSelector.init(parsing:)),
            maxAttempts: liveness.maxAttempts, retryFailed: retryFailed, heartbeatInterval: liveness.heartbeatSeconds,
            staleAfter: liveness.staleSeconds, workerExecutable: try SelfExecutable.url())
        let report = try SweepRunner(options: options).run(experiment)
        let c = report.counts
        print("\(experiment.name): \(c[.done] ?? 0) done, \(c[.failed] ?? 0) failed, \(c[.pending] ?? 0) pending, "
              + "\(c[.running] ?? 0) running (\(ProgressReporter.duration(report.elapsed)))")
        if report.interrupted {
            print("interrupted: rerun the same command to continue")
            throw ExitCode(130)
        }
        if (c[.failed] ?? 0) > 0 {
            print("some jobs failed: `zerolog status --db \(store.databasePath)` shows their errors; "
                  + "`--retry-failed` runs them again")
            throw ExitCode(1)
        }
    }
}

/// Where this binary lives (worker processes run it again).
enum SelfExecutable {
    static func url() throws -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        if let url = Bundle.main.executableURL { return url }
        throw ValidationError("cannot locate the zerolog executable to start workers")
    }
}

/// Loads SPEC for the store verbs: an experiment spec (expanded against the project's method and
/// dataset catalogs), or an expanded plan JSON.
enum SpecLoading {
    static func load(_ path: String) throws -> ExpandedExperiment {
        try ExperimentLoader.load(path: path, catalogs: { try SpecCatalogs.project(DataLocations.fromEnvironment()) })
    }
}
