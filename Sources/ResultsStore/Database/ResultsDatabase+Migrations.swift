import GRDB

// MARK: - Schema migrations
//
// Named migrations, applied in order and recorded in `grdb_migrations`. A migration that has
// shipped is never edited: change the schema by appending a new one.

extension ResultsDatabase {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-experiments-jobs-runs-metrics-artifacts") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2-jobs-retry-from") { db in
            // `zerolog run --retry-failed`: failed and lost runs started before this time no
            // longer count against the job's attempt limits.
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN retry_from TEXT")
        }
        return migrator
    }()

    /// Counts runs of the job `jobs` (the outer row) in `status` that count against its limits:
    /// those started since its `retry_from` (all when NULL).
    static func countedRuns(status: String, job: String = "jobs") -> String {
        """
        (SELECT COUNT(*) FROM runs r WHERE r.job_id = \(job).id AND r.status = '\(status)'
           AND (\(job).retry_from IS NULL OR r.started_at >= \(job).retry_from))
        """
    }

    static let schemaV1 = """
        CREATE TABLE experiments (
            name          TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
            spec_hash     TEXT NOT NULL,
            spec_json     TEXT NOT NULL,
            registered_at TEXT NOT NULL
        );

        CREATE TABLE jobs (
            id           TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
            config_json  TEXT NOT NULL,
            summary      TEXT NOT NULL,
            status       TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'running', 'done', 'failed')),
            attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            worker       TEXT,
            heartbeat_at TEXT,
            claimed_at   TEXT,
            finished_at  TEXT,
            created_at   TEXT NOT NULL,
            CHECK (status <> 'running' OR (worker IS NOT NULL AND heartbeat_at IS NOT NULL))
        );
        CREATE INDEX jobs_status ON jobs(status);

        CREATE TABLE experiment_jobs (
            experiment  TEXT NOT NULL REFERENCES experiments(name) ON DELETE CASCADE,
            job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            row_key     TEXT NOT NULL,
            column_key  TEXT NOT NULL,
            seed        INTEGER NOT NULL,
            PRIMARY KEY (experiment, job_id)
        );
        CREATE INDEX experiment_jobs_job ON experiment_jobs(job_id);

        CREATE TABLE runs (
            id                     INTEGER PRIMARY KEY AUTOINCREMENT,
            uid                    TEXT NOT NULL UNIQUE,
            job_id                 TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            attempt                INTEGER NOT NULL CHECK (attempt >= 1),
            worker                 TEXT NOT NULL,
            status                 TEXT NOT NULL
                                   CHECK (status IN ('running', 'done', 'failed', 'interrupted', 'lost')),
            started_at             TEXT NOT NULL,
            ended_at               TEXT,
            wall_seconds           REAL CHECK (wall_seconds IS NULL OR wall_seconds >= 0),
            error                  TEXT,
            package_version        TEXT NOT NULL,
            git_commit             TEXT NOT NULL,
            git_dirty              INTEGER NOT NULL CHECK (git_dirty IN (0, 1)),
            swift_version          TEXT NOT NULL,
            os                     TEXT NOT NULL,
            blas                   TEXT NOT NULL,
            host                   TEXT NOT NULL,
            data_fingerprints_json TEXT NOT NULL DEFAULT '{}',
            details_json           TEXT,
            CHECK (status = 'running' OR ended_at IS NOT NULL),
            CHECK (status <> 'failed' OR error IS NOT NULL)
        );
        CREATE INDEX runs_job ON runs(job_id);

        CREATE TABLE epoch_metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch  INTEGER NOT NULL CHECK (epoch >= 0),
            name   TEXT NOT NULL,
            value  REAL,
            is_nan INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
            CHECK ((is_nan = 1) = (value IS NULL)),
            PRIMARY KEY (run_id, epoch, name)
        );

        CREATE TABLE final_metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            split  TEXT NOT NULL,
            name   TEXT NOT NULL,
            value  REAL,
            is_nan INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
            CHECK ((is_nan = 1) = (value IS NULL)),
            PRIMARY KEY (run_id, split, name)
        );

        CREATE TABLE artifacts (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            kind   TEXT NOT NULL,
            path   TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            bytes  INTEGER NOT NULL CHECK (bytes >= 0),
            PRIMARY KEY (run_id, kind, path)
        );
        """
}
