import Foundation
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
