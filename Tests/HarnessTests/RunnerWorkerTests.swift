import Foundation
import Testing
@testable import Harness
import ResultsStore

@Suite("Runner: in-process worker")
struct RunnerWorkerTests {
    func worker(_ db: ResultsDatabase, _ experiment: String, executor: any JobExecutor,
                stop: StopFlag = StopFlag(), maxAttempts: Int = 2) -> Worker {
        Worker(database: db, options: WorkerOptions(experiment: experiment, maxAttempts: maxAttempts,
                                                    heartbeatInterval: 0.05, staleAfter: 5),
               executor: executor, provenance: RunnerFixtures.provenance, stop: stop, log: { _ in })
    }

    @Test func runsEveryJobOnceAndStoresOutcomes() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let db = try ResultsDatabase(path: dir.appendingPathComponent("r.sqlite").path)
        let plan = try RunnerFixtures.plan("w", jobs: 5)
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 2, now: Date())
        let report = try worker(db, "w", executor: try TestJobExecutor(spec: "sleep-ms:1")).run()
        #expect(report.done == 5)
        let cells = try db.cellResults(experiment: "w")
        #expect(cells.map(\.seed) == [0, 1, 2, 3, 4])
        #expect(cells.allSatisfy { $0.status == .done && $0.metrics["nan_probe"]?.isNaN == true })
        let run = try #require(try db.runs(jobID: plan.jobs[0].id).first)
        #expect(run.dataFingerprintsJSON == #"{"bgl":"fp-bgl","hdfs":"fp-hdfs"}"#)
        let artifact = try #require(try db.artifacts(runID: run.id!).first)
        #expect(artifact.path.hasPrefix("runs/\(plan.jobs[0].id)/"))
        #expect(try String(contentsOf: dir.appendingPathComponent(artifact.path), encoding: .utf8) == plan.jobs[0].id + "\n")
        #expect(try db.epochMetrics(runID: run.id!).count == 2)
    }

    @Test func aWorkerIsGoneOnlyWhenItsProcessOnThisHostNoLongerExists() throws {
        let host = ProcessInfo.processInfo.hostName
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        #expect(WorkerOptions.isGoneFromThisHost("\(host):\(exited.processIdentifier)"))
        #expect(!WorkerOptions.isGoneFromThisHost(WorkerOptions.defaultWorkerID))
        #expect(!WorkerOptions.isGoneFromThisHost("another-\(host):\(exited.processIdentifier)"))
        #expect(!WorkerOptions.isGoneFromThisHost("\(host):not-a-pid"))
        #expect(!WorkerOptions.isGoneFromThisHost("no-colon"))
    }

    @Test func failingJobsRetryThenFailWithTheirErrors() throws {
        let db = try ResultsDatabase.inMemory()
        let plan = try RunnerFixtures.plan("f", jobs: 3)
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 2, now: Date())
        let report = try worker(db, "f", executor: try TestJobExecutor(spec: "fail-seeds:1")).run()
        #expect(report == { var r = WorkerReport(); r.done = 2; r.failed = 1; r.retried = 1; return r }())
        let failing = plan.jobs[1].id
        let runs = try db.runs(jobID: failing)
        #expect(runs.map(\.status) == [.failed, .failed])
        #expect(runs.allSatisfy { $0.error == "test executor: seed 1 is configured to fail" })
        #expect(try db.job(id: failing)?.status == .failed)
    }

    @Test func aMethodWithoutExecutorFailsClearly() throws {
        let db = try ResultsDatabase.inMemory()
        let plan = try RunnerFixtures.plan("m", jobs: 1, method: "logrobust")  // a baseline without an executor yet
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 1, now: Date())
        _ = try worker(db, "m", executor: try JobExecutors.make(environment: [:]), maxAttempts: 1).run()
        let cell = try #require(try db.cellResults(experiment: "m").first)
        #expect(cell.status == .failed)
        #expect(cell.error == "method logrobust is not implemented")
        #expect(cell.metrics.isEmpty)
    }

    @Test func aStopGivesTheJobInFlightBack() throws {
        let db = try ResultsDatabase.inMemory()
        let plan = try RunnerFixtures.plan("s", jobs: 2)
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 2, now: Date())
        let stop = StopFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { stop.set("test") }
        let report = try worker(db, "s", executor: try TestJobExecutor(spec: "sleep-ms:2000"), stop: stop).run()
        #expect(report.interrupted == 1 && report.done == 0)
        #expect(try db.statusCounts(experiment: "s")[.pending] == 2)
        let runs = try plan.jobs.flatMap { try db.runs(jobID: $0.id) }
        #expect(runs.map(\.status) == [.interrupted])
        #expect(try plan.jobs.allSatisfy { try db.job(id: $0.id)?.attempts == 0 })
    }

    /// An executor claiming an artifact it never wrote.
    struct MissingArtifactExecutor: JobExecutor {
        func execute(_ job: PlannedJob, context: JobContext) throws -> JobOutcome {
            JobOutcome(metrics: ["test": ["f1": 0.5]], artifacts: [Artifact(kind: "roc", path: "roc.json")])
        }
    }

    @Test func anOutcomeThatCannotBeStoredFailsTheAttemptAndWritesNothing() throws {
        let dir = try RunnerFixtures.temporaryDirectory()
        let db = try ResultsDatabase(path: dir.appendingPathComponent("r.sqlite").path)
        let plan = try RunnerFixtures.plan("a", jobs: 1)
        try db.register(experiment: plan.storeEntry, jobs: try plan.storeJobs(), maxAttempts: 1, now: Date())
        let report = try worker(db, "a", executor: MissingArtifactExecutor(), maxAttempts: 1).run()
        #expect(report.failed == 1)
        let run = try #require(try db.runs(jobID: plan.jobs[0].id).first)
        #expect(run.status == .failed)
        #expect(run.error?.contains("cannot store the outcome") == true && run.error?.contains("roc.json") == true)
        #expect(try db.finalMetrics(runID: run.id!).isEmpty)
    }

    @Test func badTestExecutorSpecsAreRejected() {
        #expect(throws: JobExecutionError.self) { try TestJobExecutor(spec: "sleep-ms:abc") }
        #expect(throws: JobExecutionError.self) { try TestJobExecutor(spec: "explode:1") }
    }
}
