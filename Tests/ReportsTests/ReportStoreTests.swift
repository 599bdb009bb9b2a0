import Foundation
import Testing
@testable import Reports
import ResultsStore

/// The glue from the results store: jobs registered, run, completed or failed in an in-memory
/// database come out as the same table the pure model renders.
struct ReportStoreTests {
    @Test func tableFromDatabase() throws {
        let database = try ResultsDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let layout = ReportLayout(experiment: "store-fixture", title: "T", reproduces: "nothing",
                                  rows: [ReportRow(key: "A", group: "A")], columns: ["x→y"], metrics: ["f1"])
        let jobs = (UInt64(1)...3).map { seed in
            JobEntry(id: "job-\(seed)", configJSON: "{\"seed\":\(seed)}", summary: "A x→y seed \(seed)",
                     row: "A", column: "x→y", seed: seed)
        }
        try database.register(experiment: ExperimentEntry(name: "store-fixture", specHash: "h", specJSON: "{}"),
                              jobs: jobs, maxAttempts: 1, now: now)
        let provenance = RunProvenance(packageVersion: "0", gitCommit: "c", gitDirty: false, swiftVersion: "6",
                                       operatingSystem: "linux", blas: "openblas", host: "test")
        // Claims in id order: job-1 and job-2 finish, job-3 fails.
        for f1 in [0.8, 0.9] {
            let claimed = try #require(try database.claimNextJob(experiment: "store-fixture", worker: "w", provenance: provenance, now: now))
            try database.complete(run: claimed, worker: "w", metrics: ["test": ["f1": f1], "validation": ["f1": 0.1]],
                                  artifacts: [], detailsJSON: nil, now: now)
        }
        let last = try #require(try database.claimNextJob(experiment: "store-fixture", worker: "w", provenance: provenance, now: now))
        try database.fail(run: last, worker: "w", error: "diverged", maxAttempts: 1, now: now)

        let table = try ReportTable(layout: layout, database: database)
        let cell = table.cell(row: "A", column: "x→y")
        #expect(cell.doneCount == 2)
        #expect(abs((cell.stats["f1"]?.mean ?? 0) - 0.85) < 1e-12)   // test split only, not validation
        #expect(cell.failures.map(\.seed) == [3])
        #expect(cell.failures.first?.error == "diverged")
        #expect(table.markdown().contains("| A | 85.00 ± 7.07 | 2 !¹ |"))
    }
}
