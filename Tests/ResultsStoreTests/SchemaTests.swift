import Foundation
import GRDB
import Testing
@testable import ResultsStore

@Suite("Results store schema")
struct SchemaTests {
    @Test func migratesAnEmptyFile() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("sub/results.sqlite").path
        let db = try ResultsDatabase(path: path)
        #expect(try db.appliedMigrations() == ResultsDatabase.knownMigrations.sorted())
        for table in ResultsDatabase.tables { #expect(try db.count(table: table) == 0) }
    }

    @Test func reopeningMigratesNothingAndKeepsData() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("results.sqlite").path
        do {
            let db = try ResultsDatabase(path: path)
            try db.register(experiment: StoreFixtures.experiment("e"), jobs: StoreFixtures.jobs(3),
                            maxAttempts: 2, now: StoreFixtures.t0)
        }
        let again = try ResultsDatabase(path: path)
        #expect(try again.appliedMigrations() == ResultsDatabase.knownMigrations.sorted())
        #expect(try again.count(table: "jobs") == 3)
        #expect(try again.count(table: "experiment_jobs") == 3)
        #expect(try again.experiment(named: "e")?.specHash == "hash-e")
    }

    @Test func constraintsRejectBadRows() throws {
        let db = try ResultsDatabase.inMemory()
        #expect(throws: (any Error).self) {
            try db.writer.write { try $0.execute(sql: """
                INSERT INTO jobs (id, config_json, summary, status, attempts, created_at)
                VALUES ('x', '{}', 's', 'exploded', 0, '2026-01-01')
                """) }
        }
        #expect(throws: (any Error).self) {
            try db.writer.write { try $0.execute(sql: """
                INSERT INTO experiment_jobs (experiment, job_id, row_key, column_key, seed)
                VALUES ('nope', 'nope', 'r', 'c', 1)
                """) }
        }
    }

    @Test func unknownExperimentIsAClearError() throws {
        let db = try ResultsDatabase.inMemory()
        #expect(throws: ResultsStoreError.unknownExperiment("ghost")) { try db.cellResults(experiment: "ghost") }
    }
}

@Suite("Results store migrations")
struct MigrationTests {
    @Test func anOlderDatabaseIsMigratedAndKeepsItsData() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("old.sqlite").path
        let first = try #require(ResultsDatabase.knownMigrations.first)
        do {
            let queue = try DatabaseQueue(path: path)
            try ResultsDatabase.migrator.migrate(queue, upTo: first)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO jobs (id, config_json, summary, status, attempts, created_at)
                    VALUES ('old-job', '{}', 'from v1', 'failed', 2, '2026-01-01 00:00:00.000')
                    """)
            }
        }
        let db = try ResultsDatabase(path: path)
        #expect(try db.appliedMigrations() == ResultsDatabase.knownMigrations.sorted())
        let job = try #require(try db.job(id: "old-job"))
        #expect(job.summary == "from v1" && job.status == .failed && job.retryFrom == nil)
    }

    @Test func retryFailedGivesFreshAttemptsAndKeepsOldErrors() throws {
        let db = try ResultsDatabase.inMemory()
        let e = StoreFixtures.experiment("e")
        let jobs = StoreFixtures.jobs(1)
        let t0 = StoreFixtures.t0
        try db.register(experiment: e, jobs: jobs, maxAttempts: 1, now: t0)
        let c1 = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: t0))
        #expect(try db.fail(run: c1, worker: "w", error: "not implemented", maxAttempts: 1, now: t0) == .failed)
        #expect(try db.register(experiment: e, jobs: jobs, maxAttempts: 1, now: t0).requeuedFailed == 0)
        let later = t0.addingTimeInterval(10)
        #expect(try db.register(experiment: e, jobs: jobs, maxAttempts: 1, retryFailed: true, now: later).requeuedFailed == 1)
        let c2 = try #require(try db.claimNextJob(experiment: "e", worker: "w", provenance: StoreFixtures.provenance, now: later))
        #expect(c2.attempt == 2)
        #expect(try db.fail(run: c2, worker: "w", error: "still broken", maxAttempts: 1, now: later) == .failed)
        #expect(try db.runs(jobID: c1.jobID).map(\.error) == ["not implemented", "still broken"])
    }
}

@Suite("Results store: concurrent opening")
struct ConcurrentOpenTests {
    /// Opening a fresh file from many connections at once: migrations are applied exactly once.
    @Test func manyOpenersOfAFreshFileAllSucceed() throws {
        let dir = try StoreFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("fresh.sqlite").path
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try ResultsDatabase(path: path) } catch { failures.add("\(error)") }
        }
        #expect(failures.all.isEmpty)
        #expect(try ResultsDatabase(path: path).appliedMigrations() == ResultsDatabase.knownMigrations.sorted())
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }
}
