import ArgumentParser
import Foundation
import ResultsStore

/// `zerolog merge OUT IN...`: combine shard databases, idempotently.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge results stores (e.g. Slurm shards) into one; merging twice changes nothing.",
        discussion: """
            A job done in any input is done in the output, with its runs, metrics and artifacts;
            experiments and their job links are unioned. Runs are matched by their unique id.
            """)

    @Argument(help: "Output database (created when missing).") var output: String
    @Argument(help: "Input databases.") var inputs: [String]

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input database") }
        for input in inputs where !FileManager.default.fileExists(atPath: input) {
            throw ValidationError("input database \(input) does not exist")
        }
    }

    func run() throws {
        let out = try ResultsDatabase(path: output)
        for input in inputs {
            let s = try out.merge(from: input)
            print("\(input): +\(s.jobsInserted) jobs, \(s.jobsUpgraded) updated, +\(s.runs) runs, "
                  + "+\(s.finalMetrics) metrics, +\(s.epochMetrics) epoch metrics, +\(s.artifacts) artifacts")
        }
        let status = try out.status(experiment: nil, errorLimit: 0)
        print("\(output): \(status.total) jobs, \(status.counts[.done] ?? 0) done")
    }
}
