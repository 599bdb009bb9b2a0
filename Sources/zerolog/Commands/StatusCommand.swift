import ArgumentParser
import Foundation
import Harness
import ResultsStore

/// `zerolog status [SPEC]`: counts by status, running and stale jobs, the last errors.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show job counts, running and stale jobs, and the last errors of the results store.")

    @Argument(help: "Experiment spec (or expanded plan); default: every job in the store.") var spec: String?
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("stale-seconds"), help: "Heartbeat age after which a running job is reported stale.")
    var staleSeconds: Double = 60
    @Option(help: "How many recent errors to show.") var errors: Int = 5

    func run() throws {
        guard FileManager.default.fileExists(atPath: store.databasePath) else {
            throw ValidationError("no results store at \(store.databasePath) (run `zerolog run SPEC` first)")
        }
        let database = try ResultsDatabase(path: store.databasePath)
        let name = try spec.map(ExperimentLoader.experimentName(path:))
        let status = try database.status(experiment: name, errorLimit: errors)
        let c = status.counts
        print("\(name ?? "all experiments") in \(store.databasePath): \(status.total) jobs")
        print("  done \(c[.done] ?? 0)  failed \(c[.failed] ?? 0)  pending \(c[.pending] ?? 0)  running \(c[.running] ?? 0)")
        let now = Date()
        if !status.running.isEmpty { print("running:") }
        for job in status.running {
            let age = now.timeIntervalSince(job.heartbeatAt)
            let stale = WorkerOptions.isGoneFromThisHost(job.worker)
                ? "  GONE (its process no longer exists; re-queued by the next `zerolog run`)"
                : age > staleSeconds ? "  STALE (re-queued by the next `zerolog run`)" : ""
            print("  \(job.summary) [\(job.jobID.prefix(12))] on \(job.worker), attempt \(job.attempts), "
                  + "heartbeat \(ProgressReporter.duration(age)) ago\(stale)")
        }
        if !status.recentErrors.isEmpty { print("last errors:") }
        for e in status.recentErrors {
            print("  \(e.summary) [\(e.jobID.prefix(12))] attempt \(e.attempt) \(e.runStatus.rawValue): \(e.error)")
        }
    }
}
