import ArgumentParser
import Foundation
import Harness
import ResultsStore

/// `zerolog worker`: claims and runs pending jobs until none is left (started by `zerolog run`;
/// also usable by hand, e.g. more workers on another machine sharing the file system).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Claim and run pending jobs from a results store until none is left.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var liveness: LivenessOptions
    @Option(help: "Only jobs of this experiment (default: any pending job).") var experiment: String?
    @Option(name: .customLong("parent-pid"), help: .hidden) var parentPID: Int32?
    @Flag(help: "Print only warnings and errors.") var quiet = false

    func run() throws {
        let stop = StopFlag()
        let watcher = SignalWatcher { sig in stop.set(sig == SIGINT ? "interrupted" : "terminated") }
        defer { withExtendedLifetime(watcher) {} }
        let quiet = self.quiet
        let worker = Worker(
            database: try ResultsDatabase(path: store.databasePath),
            options: WorkerOptions(experiment: experiment, maxAttempts: liveness.maxAttempts,
                                   heartbeatInterval: liveness.heartbeatSeconds, staleAfter: liveness.staleSeconds,
                                   parentPID: parentPID),
            executor: try JobExecutors.make(), provenance: Provenance.current().storeProvenance, stop: stop,
            log: { line in
                if line.hasPrefix("warning") { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                else if !quiet { print(line) }
            })
        let report = try worker.run()
        if !quiet {
            print("worker: \(report.done) done, \(report.failed) failed, \(report.retried) to retry, "
                  + "\(report.interrupted) interrupted")
        }
    }
}
