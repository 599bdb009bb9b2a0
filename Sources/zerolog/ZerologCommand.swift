import ArgumentParser
import NN

/// The `zerolog` command line: one `ParsableCommand` per verb.
@main
struct ZerologCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zerolog",
        abstract: "Reproducible experiments for zero-label cross-system log anomaly detection (ZeroLog, MetaLog).",
        discussion: """
            Parse logs, prepare datasets, train detectors, run experiment specs into a SQLite results
            store and render the papers' tables. Run `zerolog help <verb>` for each verb.
            """,
        version: "zerolog \(PackageInfo.version)",
        subcommands: [
            VersionCommand.self,
            BenchCommand.self,
            RunCommand.self,
            WorkerCommand.self,
            StatusCommand.self,
            MergeCommand.self,
            SlurmCommand.self,
            PrepareCommand.self,
            SynthCommand.self,
            PlanCommand.self,
            ReportCommand.self,
            TrainCommand.self,
            DetectCommand.self,
            ParseCommand.self,
            DatasetsCommand.self,
        ]
    )

    /// Process-wide setup before any verb runs, then the usual parse-and-run.
    static func main() {
        // Training and scoring allocate multi-megabyte batch tensors every step; without this glibc
        // returns them to the OS and page-faults them back in (seen as heavy system time).
        AllocatorTuning.retainLargeAllocations()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
