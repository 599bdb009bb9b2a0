import Foundation
import Testing
@testable import ResultsStore

@Suite("Merging shard databases")
struct MergeTests {
    let t0 = StoreFixtures.t0

    /// Builds a shard with `jobs`, completing those in `done` (with a NaN metric) and failing the rest once.
    func shard(_ url: URL, jobs: [JobEntry], done: Set<String>) throws {
        let db = try ResultsDatabase(path: url.path)
        try db.register(experiment: StoreFixtures.experiment("e"), jobs: jobs, maxAttempts: 1, now: t0)
        while let c = try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0) {
            if done.contains(c.jobID) {
                try db.recordEpoch(runID: c.runID, epoch: 0, values: ["loss": 1])
                try db.complete(run: c, worker: "w", metrics: ["test": ["f1": .nan]], artifacts: [], detailsJSON: nil, now: t0)
            } else {
                try db.fail(run: c, worker: "w", error: "no", maxAttempts: 1, now: t0)
            }
        }
    }

    @Test func mergingIsIdempotentAndDoneWins() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let all = StoreFixtures.jobs(6)
        // Shard 1 holds jobs 0-3 (0,1 done; 2,3 failed); shard 2 holds 2-5, all done.
        try shard(dir.appendingPathComponent("s1.sqlite"), jobs: Array(all[0..<4]), done: ["job-000", "job-001"])
        try shard(dir.appendingPathComponent("s2.sqlite"), jobs: Array(all[2..<6]), done: Set(all[2..<6].map(\.id)))
        let out = try ResultsDatabase(path: dir.appendingPathComponent("out.sqlite").path)
        let first = try out.merge(from: dir.appendingPathComponent("s1.sqlite").path)
        #expect(first.jobsInserted == 4 && first.runs == 4)
        try out.merge(from: dir.appendingPathComponent("s2.sqlite").path)
        let once = try out.dump()
        let again1 = try out.merge(from: dir.appendingPathComponent("s1.sqlite").path)
        let again2 = try out.merge(from: dir.appendingPathComponent("s2.sqlite").path)
        #expect(again1 == MergeSummary() && again2 == MergeSummary())
        #expect(try out.dump() == once)
        let cells = try out.cellResults(experiment: "e")
        #expect(cells.count == 6)
        #expect(cells.allSatisfy { $0.status == .done && $0.metrics["f1"]?.isNaN == true })
        #expect(try out.count(table: "runs") == 8)
        #expect(try out.count(table: "epoch_metrics") == 6)
        #expect(throws: (any Error).self) { try out.merge(from: dir.appendingPathComponent("absent.sqlite").path) }
    }
}
