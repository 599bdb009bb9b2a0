import Foundation
import Testing
@testable import ResultsStore

@Suite("Results store queue")
struct QueueTests {
    let t0 = StoreFixtures.t0

    @Test func nanSurvivesTheRoundTrip() throws {
        let db = try ResultsDatabase.inMemory()
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(1), maxAttempts: 2, now: t0)
        let claim = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0))
        try db.recordEpoch(runID: claim.runID, epoch: 0, values: ["loss": .nan, "acc": 0.5])
        try db.complete(run: claim, worker: "w",
                        metrics: ["test": ["f1": 0.8, "auc_roc": .nan, "big": .infinity]],
                        artifacts: [], detailsJSON: nil, now: t0.addingTimeInterval(3))
        let metrics = try db.finalMetrics(runID: claim.runID)
        #expect(metrics["test"]?["f1"] == 0.8)
        #expect(metrics["test"]?["auc_roc"]?.isNaN == true)
        #expect(metrics["test"]?["big"] == .infinity)
        let epochs = try db.epochMetrics(runID: claim.runID)
        #expect(epochs.first { $0.name == "loss" }?.metric.isNaN == true)
        let cells = try db.cellResults(experiment: "e")
        #expect(cells.count == 1 && cells[0].status == .done && cells[0].metrics["auc_roc"]?.isNaN == true)
        #expect(try db.runs(jobID: claim.jobID).first?.wallSeconds == 3)
    }

    @Test func sharedJobsRunOnceAndDoneJobsAreSkipped() throws {
        let db = try ResultsDatabase.inMemory()
        let jobs = StoreFixtures.jobs(3)
        try db.register(experiment: StoreFixtures.experiment("a"), jobs: jobs, maxAttempts: 2, now: t0)
        while let c = try db.claimNextJob(experiment: "a", worker: "w", provenance: StoreFixtures.provenance, now: t0) {
            try db.complete(run: c, worker: "w", metrics: ["test": ["f1": 1]], artifacts: [], detailsJSON: nil, now: t0)
        }
        let summary = try db.register(experiment: StoreFixtures.experiment("b"), jobs: jobs + StoreFixtures.jobs(1, prefix: "new"),
                                      maxAttempts: 2, now: t0)
        #expect(summary == EnqueueSummary(total: 4, inserted: 1, alreadyDone: 3, requeuedFailed: 0))
        let claimed = try db.claimNextJob(experiment: "b", worker: "w", provenance: StoreFixtures.provenance, now: t0)
        #expect(claimed?.jobID == "new-000")
        #expect(try db.claimNextJob(experiment: "b", worker: "w", provenance: StoreFixtures.provenance, now: t0) == nil)
        #expect(try db.count(table: "runs") == 4)
    }

    @Test func failuresRetryUpToTheLimitAndKeepTheirErrors() throws {
        let db = try ResultsDatabase.inMemory()
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(1), maxAttempts: 2, now: t0)
        let first = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0))
        #expect(try db.fail(run: first, worker: "w", error: "boom 1", maxAttempts: 2, now: t0) == .pending)
        let second = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0))
        #expect(second.attempt == 2)
        #expect(try db.fail(run: second, worker: "w", error: "boom 2", maxAttempts: 2, now: t0.addingTimeInterval(1)) == .failed)
        #expect(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0) == nil)
        #expect(try db.runs(jobID: first.jobID).map(\.error) == ["boom 1", "boom 2"])
        let cell = try #require(try db.cellResults(experiment: "e").first)
        #expect(cell.status == .failed && cell.error == "boom 2" && cell.metrics.isEmpty)
        // Raising the limit on the next registration gives the job another attempt.
        let again = try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(1), maxAttempts: 3, now: t0)
        #expect(again.requeuedFailed == 1)
        #expect(try db.jobStatuses(ids: [first.jobID, "unknown"]) == [first.jobID: .pending])
    }

    @Test func staleJobsAreRequeuedAndReleasedJobsGiveTheirAttemptBack() throws {
        let db = try ResultsDatabase.inMemory()
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(2), maxAttempts: 2, now: t0)
        let a = try #require(try db.claimNextJob(experiment: "e", worker: "dead", provenance: StoreFixtures.provenance, now: t0))
        let b = try #require(try db.claimNextJob(experiment: "e", worker: "alive", provenance: StoreFixtures.provenance, now: t0))
        #expect(try db.heartbeat(jobID: b.jobID, worker: "alive", now: t0.addingTimeInterval(50)))
        #expect(try !db.heartbeat(jobID: b.jobID, worker: "someone-else", now: t0.addingTimeInterval(50)))
        let requeued = try db.requeueStale(olderThan: t0.addingTimeInterval(30), now: t0.addingTimeInterval(60))
        #expect(requeued == [a.jobID])
        #expect(try db.runs(jobID: a.jobID).map(\.status) == [.lost])
        #expect(try db.job(id: a.jobID)?.status == .pending)
        try db.release(run: b, worker: "alive", reason: "interrupted", now: t0.addingTimeInterval(61))
        let job = try #require(try db.job(id: b.jobID))
        #expect(job.status == .pending && job.attempts == 0)
        #expect(try db.runs(jobID: b.jobID).map(\.status) == [.interrupted])
        let status = try db.status(experiment: "e")
        #expect(status.counts[.pending] == 2 && status.recentErrors.count == 1)
    }

    @Test func jobsOfWorkersKnownToBeGoneAreRequeuedBeforeTheyGoStale() throws {
        let db = try ResultsDatabase.inMemory()
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(2), maxAttempts: 2, now: t0)
        let a = try #require(try db.claimNextJob(experiment: "e", worker: "host:1", provenance: StoreFixtures.provenance, now: t0))
        _ = try #require(try db.claimNextJob(experiment: "e", worker: "host:2", provenance: StoreFixtures.provenance, now: t0))
        // Both heartbeats are fresh; only the worker the predicate calls gone loses its job.
        let requeued = try db.requeueStale(olderThan: t0.addingTimeInterval(-60), now: t0.addingTimeInterval(1),
                                           isGone: { $0 == "host:1" })
        #expect(requeued == [a.jobID])
        let run = try #require(try db.runs(jobID: a.jobID).first)
        #expect(run.status == .lost && run.error?.contains("no longer exists") == true)
        let counts = try db.statusCounts(experiment: "e")
        #expect(counts[.pending] == 1 && counts[.running] == 1)
    }

    @Test func artifactsAreHashedAndRocPointsRead() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let db = try ResultsDatabase(path: dir.appendingPathComponent("r.sqlite").path)
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(1), maxAttempts: 2, now: t0)
        let c = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0))
        try ROCFile.write([(0, 0), (0.1, 0.7), (1, 1)], to: dir.appendingPathComponent("roc.json"))
        #expect(throws: (any Error).self) {
            try db.complete(run: c, worker: "w", metrics: [:], artifacts: [ArtifactFile(kind: "roc", path: "missing.json")],
                            detailsJSON: nil, now: t0)
        }
        try db.complete(run: c, worker: "w", metrics: ["test": ["f1": 0.5]],
                        artifacts: [ArtifactFile(kind: "roc", path: "roc.json")], detailsJSON: "{}", now: t0)
        let artifact = try #require(try db.artifacts(runID: c.runID).first)
        #expect(artifact.sha256.count == 64 && artifact.bytes > 0)
        let roc = try #require(try db.cellResults(experiment: "e").first?.rocPoints)
        #expect(roc.map(\.tpr) == [0, 0.7, 1])
    }

    @Test func rocFileReadsEveryDocumentedFormat() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let formats = [
            #"{"fpr":[0,0.2,1],"tpr":[0,0.9,1]}"#,
            #"[[0,0],[0.2,0.9],[1,1]]"#,
            #"{"source-test":[[0,0],[1,1]],"test":[[0,0],[0.2,0.9],[1,1]]}"#,
        ]
        for (i, text) in formats.enumerated() {
            let url = dir.appendingPathComponent("roc\(i).json")
            try Data(text.utf8).write(to: url)
            #expect(try ROCFile.read(url).map(\.tpr) == [0, 0.9, 1], "format \(i)")
        }
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"validation":[[0,0]]}"#.utf8).write(to: bad)
        #expect(throws: (any Error).self) { try ROCFile.read(bad) }
    }
}

@Suite("Results store registration")
struct RegistrationTests {
    @Test func anEditedSpecReplacesItsCellsTheSameSpecAddsToThem() throws {
        let db = try ResultsDatabase.inMemory()
        let jobs = StoreFixtures.jobs(4)
        let e = StoreFixtures.experiment("e")
        try db.register(experiment: e, jobs: Array(jobs[0..<2]), maxAttempts: 2, now: StoreFixtures.t0)
        try db.register(experiment: e, jobs: Array(jobs[2..<4]), maxAttempts: 2, now: StoreFixtures.t0)
        #expect(try db.cellResults(experiment: "e").count == 4)
        var edited = e
        edited.specHash = "hash-e-v2"
        try db.register(experiment: edited, jobs: [jobs[0]], maxAttempts: 2, now: StoreFixtures.t0)
        #expect(try db.cellResults(experiment: "e").map(\.jobID) == [jobs[0].id])
        #expect(try db.count(table: "jobs") == 4)
    }
}
