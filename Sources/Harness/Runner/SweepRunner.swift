import Foundation
import ResultsStore

/// Options of `zerolog run`.
public struct SweepOptions: Sendable {
    public var databasePath: String
    public var workers: Int
    public var shard: ShardSelector?
    public var maxAttempts: Int
    /// Give every failed job fresh attempts (its earlier failures stop counting).
    public var retryFailed: Bool
    public var heartbeatInterval: Double
    public var staleAfter: Double
    /// The `zerolog` binary the worker processes run.
    public var workerExecutable: URL

    public init(databasePath: String, workers: Int = 1, shard: ShardSelector? = nil, maxAttempts: Int = 2,
                retryFailed: Bool = false, heartbeatInterval: Double = 5, staleAfter: Double = 60, workerExecutable: URL) {
        self.databasePath = databasePath
        self.workers = workers
        self.shard = shard
        self.maxAttempts = maxAttempts
        self.retryFailed = retryFailed
        self.heartbeatInterval = heartbeatInterval
        self.staleAfter = staleAfter
        self.workerExecutable = workerExecutable
    }
}

/// The end state of a sweep.
public struct SweepReport: Sendable {
    public var enqueue: EnqueueSummary
    public var counts: [JobStatus: Int]
    public var staleRequeued: Int
    public var interrupted: Bool
    public var elapsed: Double
}

/// `zerolog run`: registers an experiment, enqueues its jobs (or this shard's slice), and runs
/// the pending ones in `workers` child processes (`zerolog worker`) that claim jobs atomically
/// from the same database file. Ctrl-C is forwarded: workers finish or give back their job.
public final class SweepRunner: @unchecked Sendable {
    let options: SweepOptions
    let progress: ProgressReporter
    let log: (String) -> Void

    public init(options: SweepOptions, progress: ProgressReporter = ProgressReporter(),
                log: @escaping (String) -> Void = { print($0); fflush(nil) }) {
        self.options = options
        self.progress = progress
        self.log = log
    }

    public func run(_ experiment: ExpandedExperiment) throws -> SweepReport {
        guard options.workers >= 1 else { throw RunnerError.invalidOption("--workers must be at least 1") }
        try WorkerOptions(experiment: experiment.name, maxAttempts: options.maxAttempts,
                          heartbeatInterval: options.heartbeatInterval, staleAfter: options.staleAfter).validate()
        let start = Date()
        let database = try ResultsDatabase(path: options.databasePath)
        let jobs = try experiment.storeJobs(shard: options.shard)
        let enqueue = try database.register(experiment: experiment.storeEntry, jobs: jobs,
                                            maxAttempts: options.maxAttempts, retryFailed: options.retryFailed, now: start)
        let stale = try database.requeueStale(olderThan: start.addingTimeInterval(-options.staleAfter), now: start,
                                              isGone: WorkerOptions.isGoneFromThisHost)
        log("experiment \(experiment.name): \(enqueue.total) jobs\(options.shard.map { " in shard \($0)" } ?? "")"
            + " (\(enqueue.inserted) new, \(enqueue.alreadyDone) already done"
            + (enqueue.requeuedFailed > 0 ? ", \(enqueue.requeuedFailed) failed re-queued" : "")
            + (stale.isEmpty ? "" : ", \(stale.count) re-queued from dead workers") + ") → \(options.databasePath)")
        let initial = try database.statusCounts(experiment: experiment.name)
        let initialFinished = (initial[.done] ?? 0) + (initial[.failed] ?? 0)
        let pending = initial[.pending] ?? 0
        var interrupted = false
        if pending > 0 {
            interrupted = try supervise(workers: min(options.workers, pending), experiment: experiment.name,
                                        database: database, initialFinished: initialFinished, start: start)
        }
        let counts = try database.statusCounts(experiment: experiment.name)
        return SweepReport(enqueue: enqueue, counts: counts, staleRequeued: stale.count,
                           interrupted: interrupted, elapsed: Date().timeIntervalSince(start))
    }

    // MARK: - Worker processes

    /// Spawns the workers, draws progress until they all exit, forwards Ctrl-C. Returns whether
    /// the sweep was interrupted.
    private func supervise(workers count: Int, experiment: String, database: ResultsDatabase,
                           initialFinished: Int, start: Date) throws -> Bool {
        let stop = StopFlag()
        let interrupts = InterruptCounter()
        var children: [Process] = []
        let pids = PIDList()
        let watcher = SignalWatcher { _ in
            let n = interrupts.increment()
            stop.set("interrupted")
            // First Ctrl-C: workers finish or give back their job. Second: kill them now
            // (their jobs go stale and rerun on the next `zerolog run`).
            for pid in pids.all { kill(pid, n == 1 ? SIGINT : SIGKILL) }
        }
        defer { withExtendedLifetime(watcher) {} }
        for _ in 0..<count {
            let process = Process()
            process.executableURL = options.workerExecutable
            process.arguments = ["worker", "--db", options.databasePath, "--experiment", experiment,
                                 "--max-attempts", "\(options.maxAttempts)",
                                 "--heartbeat-seconds", "\(options.heartbeatInterval)",
                                 "--stale-seconds", "\(options.staleAfter)",
                                 "--parent-pid", "\(ProcessInfo.processInfo.processIdentifier)", "--quiet"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch {
                for child in children { kill(child.processIdentifier, SIGINT) }
                throw RunnerError.workerFailed("cannot start worker \(options.workerExecutable.path): \(error)")
            }
            children.append(process)
            pids.append(process.processIdentifier)
        }
        while children.contains(where: \.isRunning) {
            // Forget exited workers so a signal never reaches a recycled pid.
            pids.keep(children.filter(\.isRunning).map(\.processIdentifier))
            try report(database: database, experiment: experiment, initialFinished: initialFinished, start: start)
            Thread.sleep(forTimeInterval: 0.25)
        }
        try report(database: database, experiment: experiment, initialFinished: initialFinished, start: start)
        progress.finish()
        let crashed = children.filter { $0.terminationStatus != 0 }
        if !crashed.isEmpty && !stop.isSet {
            log("warning: \(crashed.count) worker(s) exited abnormally (status "
                + crashed.map { "\($0.terminationStatus)" }.joined(separator: ", ")
                + "); their jobs rerun on the next `zerolog run`")
        }
        return stop.isSet
    }

    private func report(database: ResultsDatabase, experiment: String, initialFinished: Int, start: Date) throws {
        let counts = try database.statusCounts(experiment: experiment)
        let finished = (counts[.done] ?? 0) + (counts[.failed] ?? 0)
        progress.update(counts: counts, running: try database.runningSummaries(experiment: experiment),
                        finishedThisRun: max(0, finished - initialFinished), elapsed: Date().timeIntervalSince(start))
    }
}

/// Worker process ids, shared with the signal handler.
final class PIDList: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: [Int32] = []
    func append(_ pid: Int32) { lock.lock(); defer { lock.unlock() }; pids.append(pid) }
    var all: [Int32] { lock.lock(); defer { lock.unlock() }; return pids }
    func keep(_ alive: [Int32]) { lock.lock(); defer { lock.unlock() }; pids = pids.filter(alive.contains) }
}

/// Counts Ctrl-C presses (the signal handler runs on its own queue).
final class InterruptCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
}
