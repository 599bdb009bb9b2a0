import ArgumentParser

/// `zerolog bench <what>`: speed benchmarks that print ratios against a reference run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that measure this project against a reference implementation in the same run.",
        subcommands: [
            BenchNNCommand.self,
            BenchDrainCommand.self,
        ])
}
