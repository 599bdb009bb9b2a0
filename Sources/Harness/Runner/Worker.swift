import Foundation
import ResultsStore

/// How a worker claims and runs jobs.
public struct WorkerOptions: Sendable {
    /// Only jobs of this experiment (all pending jobs when nil).
    public var experiment: String?
    /// Failed attempts after which a job stays failed.
    public var maxAttempts: Int
    /// Seconds between heartbeats of the job in flight.
    public var heartbeatInterval: Double
    /// A running job whose heartbeat is older than this (seconds) belongs to a dead worker.
    public var staleAfter: Double
    /// `host:pid`, recorded on the job and its run.
    public var workerID: String
    /// Stop (gracefully) when this process is no longer our parent: the coordinator died.
    public var parentPID: Int32?

    public init(experiment: String?, maxAttempts: Int = 2, heartbeatInterval: Double = 5,
                staleAfter: Double = 60, workerID: String = WorkerOptions.defaultWorkerID, parentPID: Int32? = nil) {
        self.experiment = experiment
        self.maxAttempts = maxAttempts
        self.heartbeatInterval = heartbeatInterval
        self.staleAfter = staleAfter
        self.workerID = workerID
        self.parentPID = parentPID
    }

    public static var defaultWorkerID: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Whether `workerID` (`host:pid`) names a process on this host that no longer exists — a
    /// worker killed with `kill -9` or lost with its machine's power. Workers on other hosts, and
    /// ids that do not parse, are never judged gone here (only their heartbeat can tell).
    /// A zombie (killed, not yet reaped — common in containers whose init never reaps) is gone.
    /// A recycled pid looks alive: the job then waits for the stale period, which is safe.
    /// Assumes one process table per host name (workers in containers that share a host name but
    /// not a PID namespace must not share a results database; give them distinct host names).
    public static func isGoneFromThisHost(_ workerID: String) -> Bool {
        guard let colon = workerID.lastIndex(of: ":"),
              workerID[..<colon] == ProcessInfo.processInfo.hostName,
              let pid = Int32(workerID[workerID.index(after: colon)...]), pid > 0 else { return false }
        if kill(pid, 0) != 0 { return errno == ESRCH }
        // /proc/<pid>/stat: "pid (comm) state …"; the comm may hold spaces and parentheses.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Checks the numbers make sense together (stale must outlast several heartbeats).
    public func validate() throws {
        guard maxAttempts >= 1 else { throw RunnerError.invalidOption("--max-attempts must be at least 1") }
        guard heartbeatInterval > 0 else { throw RunnerError.invalidOption("--heartbeat-seconds must be positive") }
        guard staleAfter >= 2 * heartbeatInterval else {
            throw RunnerError.invalidOption(
                "--stale-seconds (\(staleAfter)) must be at least twice --heartbeat-seconds (\(heartbeatInterval))")
        }
    }
}

/// What one worker did.
public struct WorkerReport: Sendable, Equatable {
    public var done = 0
    public var failed = 0
    public var retried = 0
    public var interrupted = 0
    public init() {}
}

public enum RunnerError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    case invalidJob(id: String, reason: String)
    case workerFailed(String)

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        case .invalidJob(let id, let reason): return "job \(id): \(reason)"
        case .workerFailed(let m): return m
        }
    }
}

/// Claims pending jobs one at a time, runs each with the executor while a heartbeat keeps the
/// claim fresh, and stores the outcome. Many workers (threads or processes) can share one
/// database file: claiming is atomic.
public final class Worker: Sendable {
    let database: ResultsDatabase
    let options: WorkerOptions
    let executor: any JobExecutor
    let provenance: RunProvenance
    let clock: @Sendable () -> Date
    let stop: StopFlag
    let log: @Sendable (String) -> Void

    public init(database: ResultsDatabase, options: WorkerOptions, executor: any JobExecutor,
                provenance: RunProvenance, stop: StopFlag, clock: @escaping @Sendable () -> Date = { Date() },
                log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.database = database
        self.options = options
        self.executor = executor
        self.provenance = provenance
        self.stop = stop
        self.clock = clock
        self.log = log
    }

    // MARK: - The loop

    /// Runs until no job is pending or a stop is requested. A job in flight when the stop comes
    /// either finishes or is given back as pending; nothing is half-written.
    public func run() throws -> WorkerReport {
        try options.validate()
        var report = WorkerReport()
        while !stop.isSet {
            checkParent()
            let now = clock()
            let requeued = try database.requeueStale(olderThan: now.addingTimeInterval(-options.staleAfter), now: now,
                                                     isGone: WorkerOptions.isGoneFromThisHost)
            if !requeued.isEmpty { log("re-queued \(requeued.count) stale job(s) of dead workers") }
            guard let claim = try database.claimNextJob(
                experiment: options.experiment, worker: options.workerID, provenance: provenance, now: now,
                dataFingerprints: Self.fingerprints(ofConfig:)) else { break }
            try runOne(claim, report: &report)
        }
        return report
    }

    /// Parent-death check: a worker whose coordinator died stops after its current job.
    func checkParent() {
        if let parent = options.parentPID, getppid() != parent {
            stop.set("coordinator \(parent) exited")
        }
    }

    /// `datasetFingerprints` of a frozen `TrainingJob` as a JSON object ("{}" when absent).
    static func fingerprints(ofConfig json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let prints = object["datasetFingerprints"],
              let data = try? JSONSerialization.data(withJSONObject: prints, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
