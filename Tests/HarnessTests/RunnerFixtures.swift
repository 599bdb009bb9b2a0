import Foundation
import Testing
@testable import Harness
import Methods
import ResultsStore

/// Helpers for runner tests: plans of trivial jobs, temporary stores, the `zerolog` binary.
enum RunnerFixtures {
    static let provenance = RunProvenance(packageVersion: "0.1.0", gitCommit: "test", gitDirty: false,
                                          swiftVersion: "Swift 6.3", operatingSystem: "Linux", blas: "none", host: "test")

    /// An experiment of `count` jobs of `method` with seeds 0..<count.
    static func plan(_ name: String, jobs count: Int, method: String = "test-method") throws -> ExpandedExperiment {
        let jobs = try (0..<count).map { seed in
            try PlannedJob(job: TrainingJob(method: method, source: "hdfs", target: "bgl", targetLabels: .none,
                                            hyperparameters: ["epochs": .number(1)], seed: UInt64(seed),
                                            datasetFingerprints: ["hdfs": "fp-hdfs", "bgl": "fp-bgl"]),
                           row: method, column: "hdfs→bgl")
        }
        return ExpandedExperiment(name: name, specHash: "spec-\(name)", specJSON: "{\"name\":\"\(name)\"}", jobs: jobs)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zerolog-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `plan` as the expanded-plan JSON `zerolog run` accepts.
    static func writePlan(_ plan: ExpandedExperiment, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent("\(plan.name).plan.json")
        try JSONEncoder().encode(plan).write(to: url)
        return url.path
    }

    /// The `zerolog` binary built next to this test bundle.
    static func zerolog() throws -> URL {
        let exe = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("zerolog")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw RunnerError.workerFailed("no zerolog binary near \(exe.path): run `swift build` first")
    }

    /// Starts `zerolog args…` with the test executor; output goes to `log`.
    static func start(_ args: [String], executor: String, log: URL) throws -> Process {
        let p = Process()
        p.executableURL = try zerolog()
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env[JobExecutors.testExecutorVariable] = executor
        p.environment = env
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Runs `zerolog args…` to the end; returns its exit status.
    @discardableResult
    static func runToEnd(_ args: [String], executor: String, log: URL) throws -> Int32 {
        let p = try start(args, executor: executor, log: log)
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A log file's text ("" when unreadable), for failure messages.
    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// Process ids whose parent is `pid` (from /proc).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { child in
            guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid
        }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func wait(seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    /// Every run of every job of an experiment, grouped by job id.
    static func runsByJob(_ db: ResultsDatabase, _ plan: ExpandedExperiment) throws -> [String: [RunRecord]] {
        var out: [String: [RunRecord]] = [:]
        for job in plan.jobs { out[job.id] = try db.runs(jobID: job.id) }
        return out
    }
}
