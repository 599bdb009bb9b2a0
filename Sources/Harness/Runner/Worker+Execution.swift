import ContentHash
import Foundation
import Methods
import ResultsStore

// MARK: - Running one claimed job

extension Worker {
    func runOne(_ claim: ClaimedJob, report: inout WorkerReport) throws {
        log("start \(claim.summary) [\(claim.jobID.prefix(12))] attempt \(claim.attempt)")
        let planned: PlannedJob
        let directory: URL
        do {
            planned = try plannedJob(claim)
            directory = artifactDirectory(claim)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            try record(failure: "\(error)", claim: claim, report: &report)
            return
        }
        let database = self.database, workerID = options.workerID, clock = self.clock, log = self.log
        let stop = self.stop, parent = options.parentPID
        let heartbeat = Heartbeat(interval: options.heartbeatInterval) {
            if let parent, getppid() != parent { stop.set("coordinator \(parent) exited") }
            do {
                if try !database.heartbeat(jobID: claim.jobID, worker: workerID, now: clock()) {
                    log("warning: job \(claim.jobID.prefix(12)) is no longer held by \(workerID)")
                }
            } catch { log("warning: heartbeat failed: \(error)") }
        }
        let context = JobContext(
            runID: claim.runID, artifactDirectory: directory,
            recordEpoch: { epoch in
                do { try database.recordEpoch(runID: claim.runID, epoch: epoch.epoch, values: epoch.values) } catch {
                    log("warning: cannot record epoch \(epoch.epoch): \(error)")
                }
            },
            isCancelled: { stop.isSet })
        let result = Result { try executor.execute(planned, context: context) }
        heartbeat.stop()
        switch result {
        case .success(let outcome):
            do {
                try database.complete(run: claim, worker: workerID, metrics: outcome.metrics,
                                      artifacts: outcome.artifacts.map { storedArtifact($0, directory: directory) },
                                      detailsJSON: try? CanonicalJSON.string(outcome.details), now: clock())
            } catch {
                // Nothing of the outcome was written (one transaction); the attempt counts as failed.
                try record(failure: "cannot store the outcome: \(error)", claim: claim, report: &report)
                return
            }
            report.done += 1
            log("done  \(claim.summary) [\(claim.jobID.prefix(12))]")
        case .failure(let error):
            if stop.isSet {
                try database.release(run: claim, worker: workerID,
                                     reason: "interrupted (\(stop.why ?? "stop")): \(error)", now: clock())
                report.interrupted += 1
                log("interrupted \(claim.summary): back to pending")
            } else {
                try record(failure: "\(error)", claim: claim, report: &report)
            }
        }
    }

    private func record(failure: String, claim: ClaimedJob, report: inout WorkerReport) throws {
        let status = try database.fail(run: claim, worker: options.workerID, error: failure,
                                       maxAttempts: options.maxAttempts, now: clock())
        if status == .failed { report.failed += 1 } else { report.retried += 1 }
        log("fail  \(claim.summary) [\(claim.jobID.prefix(12))] attempt \(claim.attempt): \(failure)"
            + (status == .failed ? " (no attempts left)" : " (will retry)"))
    }

    /// Rebuilds the `PlannedJob` from the frozen config and checks its id still matches.
    func plannedJob(_ claim: ClaimedJob) throws -> PlannedJob {
        let job: TrainingJob
        do { job = try JSONDecoder().decode(TrainingJob.self, from: Data(claim.configJSON.utf8)) } catch {
            throw RunnerError.invalidJob(id: claim.jobID, reason: "stored config is not a TrainingJob: \(error)")
        }
        let link = try options.experiment.flatMap { try database.experimentJob(experiment: $0, jobID: claim.jobID) }
        let planned = try PlannedJob(job: job, row: link?.row ?? "", column: link?.column ?? "")
        guard planned.id == claim.jobID else {
            throw RunnerError.invalidJob(id: claim.jobID, reason: "config hashes to \(planned.id); the id is stale")
        }
        return planned
    }

    /// `<database dir>/runs/<job id>/<run uid>/`, or a temporary directory for in-memory stores.
    func artifactDirectory(_ claim: ClaimedJob) -> URL {
        let base = database.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("zerolog-artifacts")
        return base.appendingPathComponent("runs").appendingPathComponent(claim.jobID)
            .appendingPathComponent(claim.runUID)
    }

    /// An executor's artifact as stored: relative paths become relative to the database directory.
    func storedArtifact(_ artifact: Artifact, directory: URL) -> ArtifactFile {
        if artifact.path.hasPrefix("/") { return ArtifactFile(kind: artifact.kind, path: artifact.path) }
        let absolute = directory.appendingPathComponent(artifact.path).path
        guard let dbPath = database.path else { return ArtifactFile(kind: artifact.kind, path: absolute) }
        let base = URL(fileURLWithPath: dbPath).deletingLastPathComponent().path + "/"
        return ArtifactFile(kind: artifact.kind,
                            path: absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute)
    }
}
