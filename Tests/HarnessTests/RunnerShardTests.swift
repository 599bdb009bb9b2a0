import Foundation
import Testing
@testable import Harness

@Suite("Runner: shards, Slurm script, progress")
struct RunnerShardTests {
    @Test func shardsAreDisjointCoveringAndStable() throws {
        let plan = try RunnerFixtures.plan("sh", jobs: 40)
        let slices = try (0..<4).map { i in try plan.storeJobs(shard: ShardSelector(index: i, count: 4)).map(\.id) }
        #expect(slices.map(\.count).reduce(0, +) == 40)
        #expect(Set(slices.joined()).count == 40)
        #expect(slices.allSatisfy { !$0.isEmpty })
        // Same slices on a second computation (nothing per-process such as hashValue).
        let again = try (0..<4).map { i in try plan.storeJobs(shard: ShardSelector(index: i, count: 4)).map(\.id) }
        #expect(again == slices)
        // Pinned: the bucket is the first 64 bits of SHA-256 of the id, modulo n.
        #expect(ShardSelector.bucket(of: "abc", count: 7) == Int(UInt64("ba7816bf8f01cfea", radix: 16)! % 7))
    }

    @Test func shardParsingNamesTheProblem() throws {
        #expect(try ShardSelector(parsing: "2/5") == ShardSelector(index: 2, count: 5))
        #expect(throws: ShardError.invalid("shard index must be in 0..<4, got 4")) { try ShardSelector(parsing: "4/4") }
        #expect(throws: ShardError.self) { try ShardSelector(parsing: "1-4") }
    }

    @Test func slurmScriptHasTheArrayShardsAndMerge() throws {
        let text = try SlurmScript(specPath: "Experiments/table3.json", shards: 8, zerologPath: "/opt/zerolog").render()
        #expect(text.contains("#SBATCH --array=0-7\n"))
        #expect(text.contains(#"run "$SPEC" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS""#))
        #expect(text.contains(#"--db "Results/shards/shard-$SLURM_ARRAY_TASK_ID.sqlite""#))
        #expect(text.contains("--dependency=afterany:"))
        #expect(text.contains("merge Results/results.sqlite Results/shards/shard-*.sqlite"))
        #expect(throws: RunnerError.self) { try SlurmScript(specPath: "x", shards: 0, zerologPath: "z") }
    }

    @Test func progressPrintsPlainLinesOffTerminal() {
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let p = ProgressReporter(isTerminal: false, write: { sink.text += $0 })
        p.update(counts: [.done: 1, .pending: 3], running: ["a"], finishedThisRun: 1, elapsed: 10)
        p.update(counts: [.done: 1, .pending: 3], running: ["a"], finishedThisRun: 1, elapsed: 11)
        p.update(counts: [.done: 2, .failed: 1, .pending: 1], running: [], finishedThisRun: 3, elapsed: 30)
        #expect(sink.text == """
            progress: 1/4 (1 done, 0 failed, 1 running) eta 30s
            progress: 3/4 (2 done, 1 failed, 0 running) eta 10s

            """)
        let tty = ProgressReporter(isTerminal: true, width: 60, write: { sink.text = $0 })
        tty.update(counts: [.done: 2, .pending: 2], running: ["zerolog hdfs→bgl seed=1"], finishedThisRun: 2, elapsed: 4)
        #expect(sink.text.hasPrefix("\r\u{1B}[K[==========          ] 2/4"))
        #expect(ProgressReporter.duration(3725) == "1h02m")
    }
}
