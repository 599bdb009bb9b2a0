import ArgumentParser
import Foundation
import Harness

/// `zerolog slurm SPEC --shards n`: a Slurm job-array script (one shard per task) plus merge.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write a Slurm job-array script running SPEC in n shards, then merging them.")

    @Argument(help: "Experiment spec (or expanded plan JSON).") var spec: String
    @Option(help: "Array tasks (shards).") var shards: Int
    @Option(help: "Worker processes per task.") var workers: Int = 1
    @Option(help: "Slurm time limit per task (e.g. 04:00:00).") var time: String?
    @Option(help: "Write the script here instead of standard output.") var out: String?

    func run() throws {
        let experiment = try SpecLoading.load(spec)
        let script = try SlurmScript(specPath: spec, shards: shards, workersPerTask: workers,
                                     zerologPath: try SelfExecutable.url().path,
                                     jobName: "zerolog-\(experiment.name)", timeLimit: time)
        let text = script.render()
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            chmod(out, 0o755)
            print("wrote \(out): \(shards) shards of \(experiment.jobs.count) jobs; submit with `bash \(out)`")
        } else {
            print(text, terminator: "")
        }
    }
}
