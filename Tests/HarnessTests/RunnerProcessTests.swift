import Foundation
import Testing
@testable import Harness
import ResultsStore

/// Several worker PROCESSES on one database file, SIGKILL mid-sweep and resume, Ctrl-C.
/// Uses the `zerolog` binary with the deterministic test executor (`ZEROLOG_TEST_EXECUTOR`).
@Suite("Runner: worker processes", .serialized)
struct RunnerProcessTests {
    /// Every job has exactly one `done` run and no run of any other kind but `expectedOther`.
    func expectEachJobDoneOnce(_ db: ResultsDatabase, _ plan: ExpandedExperiment) throws {
        let runs = try RunnerFixtures.runsByJob(db, plan)
        for job in plan.jobs {
            let done = runs[job.id, default: []].filter { $0.status == .done }
            #expect(done.count == 1, "job \(job.summary) has \(done.count) done runs")
            #expect(try db.job(id: job.id)?.status == .done)
        }
    }

    @Test func fourWorkerProcessesClaimEachJobExactlyOnce() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let dbPath = dir.appendingPathComponent("results.sqlite").path
        let plan = try RunnerFixtures.plan("claims", jobs: 48)
        let db = try ResultsDatabase(path: dbPath)
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 2, now: Date())
        let workers = try (0..<4).map { i in
            try RunnerFixtures.start(["worker", "--db", dbPath, "--experiment", "claims", "--heartbeat-seconds", "0.5"],
                                     executor: "sleep-ms:20", log: dir.appendingPathComponent("worker-\(i).log"))
        }
        for w in workers { w.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        try expectEachJobDoneOnce(db, plan)
        #expect(try db.count(table: "runs") == 48)
        // The work was really shared: more than one process ran jobs.
        let byWorker = Set(try plan.jobs.flatMap { try db.runs(jobID: $0.id).map(\.worker) })
        #expect(byWorker.count > 1, "only \(byWorker) ran jobs")
    }

    @Test func aSweepKilledWithSIGKILLResumesWithEveryJobDoneOnce() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let dbPath = dir.appendingPathComponent("results.sqlite").path
        let plan = try RunnerFixtures.plan("crash", jobs: 24)
        let spec = try RunnerFixtures.writePlan(plan, in: dir)
        // The default stale period (60 s): the resume must not wait for it, because the dead
        // workers' processes are known to be gone on this host.
        let args = ["run", spec, "--db", dbPath, "--workers", "3", "--heartbeat-seconds", "0.2"]
        let log = dir.appendingPathComponent("run.log")
        let first = try RunnerFixtures.start(args, executor: "sleep-ms:150", log: log)
        let db = try ResultsDatabase(path: dbPath)
        let started = RunnerFixtures.wait(seconds: 30) {
            (try? db.statusCounts(experiment: "crash")[.done] ?? 0) ?? 0 >= 6
        }
        #expect(started, "the sweep did not get going: \(RunnerFixtures.text(log))")
        // kill -9 the whole sweep: workers first, then the coordinator.
        for child in RunnerFixtures.children(of: first.processIdentifier) { kill(child, SIGKILL) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let atCrash = try db.statusCounts(experiment: "crash")
        #expect((atCrash[.running] ?? 0) > 0, "nothing was in flight at the kill: \(atCrash)")
        #expect((atCrash[.done] ?? 0) < 24)
        // Resume at once: the same command re-queues the dead workers' jobs.
        let status = try RunnerFixtures.runToEnd(args, executor: "sleep-ms:150", log: log)
        #expect(status == 0, "resume failed: \(RunnerFixtures.text(log))")
        try expectEachJobDoneOnce(db, plan)
        let runs = try RunnerFixtures.runsByJob(db, plan).values.flatMap { $0 }
        #expect(runs.filter { $0.status == .lost }.count == atCrash[.running] ?? -1)
        #expect(runs.allSatisfy { $0.status == .done || $0.status == .lost })
        #expect(RunnerFixtures.text(log).contains("re-queued from dead workers"))
    }

    @Test func ctrlCStopsCleanlyAndTheNextRunFinishes() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let dbPath = dir.appendingPathComponent("results.sqlite").path
        let plan = try RunnerFixtures.plan("ctrlc", jobs: 12)
        let spec = try RunnerFixtures.writePlan(plan, in: dir)
        let args = ["run", spec, "--db", dbPath, "--workers", "2"]
        let log = dir.appendingPathComponent("run.log")
        let first = try RunnerFixtures.start(args, executor: "sleep-ms:300", log: log)
        let db = try ResultsDatabase(path: dbPath)
        _ = RunnerFixtures.wait(seconds: 30) {
            (try? db.statusCounts(experiment: "ctrlc")[.running] ?? 0) ?? 0 >= 2
        }
        kill(first.processIdentifier, SIGINT)
        first.waitUntilExit()
        #expect(first.terminationStatus == 130)
        let after = try db.statusCounts(experiment: "ctrlc")
        #expect(after[.running] == 0, "jobs left running after Ctrl-C: \(after)")
        #expect((after[.pending] ?? 0) > 0)
        let interrupted = try RunnerFixtures.runsByJob(db, plan).values.flatMap { $0 }.filter { $0.status == .interrupted }
        #expect(!interrupted.isEmpty)
        #expect(try RunnerFixtures.runToEnd(args, executor: "sleep-ms:10", log: log) == 0)
        try expectEachJobDoneOnce(db, plan)
    }

    @Test func shardsMergeIntoTheWholeSweep() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let plan = try RunnerFixtures.plan("shards", jobs: 10)
        let spec = try RunnerFixtures.writePlan(plan, in: dir)
        let log = dir.appendingPathComponent("run.log")
        var shardPaths: [String] = []
        for i in 0..<3 {
            let path = dir.appendingPathComponent("shard-\(i).sqlite").path
            shardPaths.append(path)
            #expect(try RunnerFixtures.runToEnd(["run", spec, "--db", path, "--shard", "\(i)/3"],
                                                executor: "sleep-ms:1", log: log) == 0)
        }
        let out = dir.deletingLastPathComponent().appendingPathComponent("\(dir.lastPathComponent)-merged.sqlite").path
        #expect(try RunnerFixtures.runToEnd(["merge", out] + shardPaths, executor: "", log: log) == 0)
        let merged = try ResultsDatabase(path: out)
        try expectEachJobDoneOnce(merged, plan)
        // Artifacts written next to the shards still resolve from the merged store's folder.
        let runID = try #require(try merged.runs(jobID: plan.jobs[0].id).first?.id)
        let artifact = try #require(try merged.artifacts(runID: runID).first)
        #expect(artifact.path.hasPrefix("\(dir.lastPathComponent)/runs/"))
        #expect(FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent(artifact.path).path))
        let once = try merged.dump()
        #expect(try RunnerFixtures.runToEnd(["merge", out] + shardPaths, executor: "", log: log) == 0)
        #expect(try merged.dump() == once)
        // Running the whole sweep on the merged store finds nothing left to do.
        #expect(try RunnerFixtures.runToEnd(["run", spec, "--db", out], executor: "fail-seeds:0+1+2+3+4+5+6+7+8+9",
                                            log: log) == 0)
        #expect(try merged.count(table: "runs") == 10)
    }
}
