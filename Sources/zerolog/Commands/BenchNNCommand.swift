import ArgumentParser
import Foundation
import NN

/// `zerolog bench nn`: training and inference throughput of MetaLog's network in Swift, side by side
/// with a PyTorch CPU reference run (`scripts/bench/torch_nn_reference.py`) of the same shapes.
struct BenchNNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn",
        abstract: "GRU+attention training/inference speed vs PyTorch CPU (one thread).",
        discussion: """
            Network: 2-layer bidirectional GRU (hidden 100) over 300-d inputs, additive attention, \
            Linear(200→2), softmax + BCE, Adam; batch 100; lengths 50 and 120. The PyTorch reference runs \
            in .venv-bench (created with `pip install torch==2.13.0+cpu` when missing). The last line is \
            `nn_train_speedup_vs_torch=X nn_infer_speedup_vs_torch=Y`: geometric means over the lengths of \
            throughput ratios on process CPU time, each side's fastest of --repeats timed blocks.
            """)

    @Option(help: "Sequences per batch.") var batch = 100
    @Option(help: "Comma-separated sequence lengths.") var lengths = "50,120"
    @Option(help: "Input feature size.") var input = 300
    @Option(help: "GRU hidden size per direction.") var hidden = 100
    @Option(help: "GRU layers.") var layers = 2
    @Option(help: "Timed training steps (forward + backward + Adam) per length.") var trainSteps = 5
    @Option(help: "Timed inference batches per length.") var inferSteps = 10
    @Option(help: "Untimed warm-up steps.") var warmup = 1
    @Option(help: "Timed blocks per phase on each side; the fastest block is reported.") var repeats = 3
    @Option(help: "BLAS / torch threads.") var threads = 1
    @Option(help: "Seed for weights and data.") var seed: UInt64 = 0
    @Flag(help: "Skip the PyTorch reference.") var skipTorch = false
    @Option(help: "Virtualenv for the reference.") var venv = ".venv-bench"
    @Option(help: "Reference script.") var script = "scripts/bench/torch_nn_reference.py"

    var lengthList: [Int] { lengths.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard !lengthList.isEmpty, lengthList.count == lengths.split(separator: ",").count, lengthList.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--lengths must be positive integers separated by commas, got '\(lengths)'")
        }
        for (name, v) in [("batch", batch), ("input", input), ("hidden", hidden), ("layers", layers),
                          ("train-steps", trainSteps), ("infer-steps", inferSteps), ("threads", threads), ("repeats", repeats)] where v < 1 {
            throw ValidationError("--\(name) must be at least 1, got \(v)")
        }
    }

    func run() throws {
        BLASInfo.setThreads(threads)
        print("BLAS: \(BLASInfo.configuration)")
        let workload = BenchNNWorkload(batch: batch, input: input, hidden: hidden, layers: layers,
                                       trainSteps: trainSteps, inferSteps: inferSteps, warmup: warmup,
                                       repeats: repeats, seed: seed)
        var ours: [BenchNNWorkload.Result] = []
        for T in lengthList {
            let r = workload.run(length: T)
            ours.append(r)
            print(String(format: "swift  T=%-4d train %.3f s wall / %.3f s CPU   infer %.3f s wall / %.3f s CPU   loss %.4f",
                         T, r.trainSeconds, r.trainCPUSeconds, r.inferSeconds, r.inferCPUSeconds, r.finalLoss))
        }
        var torch: TorchReport? = nil
        if skipTorch {
            print("torch: skipped (--skip-torch)")
        } else {
            do {
                torch = try runTorch()
            } catch {
                print("torch: reference unavailable: \(error)")
            }
        }
        printTable(ours: ours, torch: torch)
    }

    // MARK: Reference

    struct TorchReport: Decodable {
        struct Row: Decodable {
            let length: Int
            let train_seconds: Double, infer_seconds: Double
            let train_cpu_seconds: Double, infer_cpu_seconds: Double
        }
        let torch: String
        let threads: Int
        let results: [Row]
    }

    struct ReferenceError: Error, CustomStringConvertible {
        let description: String
    }

    func runTorch() throws -> TorchReport {
        guard FileManager.default.fileExists(atPath: script) else {
            throw ReferenceError(description: "script \(script) not found (run from the repository root)")
        }
        let python = "\(venv)/bin/python"
        if !FileManager.default.isExecutableFile(atPath: python) {
            FileHandle.standardError.write("bench nn: creating \(venv)\n".data(using: .utf8)!)
            try shell(["python3", "-m", "venv", venv], what: "python3 -m venv \(venv)")
        }
        if (try? shell([python, "-c", "import torch"], what: "import torch", quiet: true)) == nil {
            FileHandle.standardError.write("bench nn: pip install torch==2.13.0+cpu into \(venv)\n".data(using: .utf8)!)
            try shell([python, "-m", "pip", "install", "-q", "torch==2.13.0+cpu"], what: "pip install torch==2.13.0+cpu")
        }
        let out = try shell([python, script, "--batch", "\(batch)", "--lengths", lengthList.map(String.init).joined(separator: ","),
                             "--input", "\(input)", "--hidden", "\(hidden)", "--layers", "\(layers)",
                             "--train-steps", "\(trainSteps)", "--infer-steps", "\(inferSteps)", "--warmup", "\(warmup)", "--repeats", "\(repeats)"],
                            what: script, threads: threads)
        guard let line = out.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let report = try? JSONDecoder().decode(TorchReport.self, from: Data(line.utf8)) else {
            throw ReferenceError(description: "\(script) printed no JSON result: \(out.suffix(400))")
        }
        return report
    }

    @discardableResult
    func shell(_ args: [String], what: String, quiet: Bool = false, threads: Int? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        if let threads {
            var env = ProcessInfo.processInfo.environment
            for k in ["OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"] { env[k] = "\(threads)" }
            p.environment = env
        }
        let pipe = Pipe(), err = Pipe()
        p.standardOutput = pipe
        p.standardError = err
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: errData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
            throw ReferenceError(description: "\(what) exited with \(p.terminationStatus)\(quiet ? "" : ": \(msg)")")
        }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Table

    /// Prints throughput per length, measured on wall clock and on process CPU time, and the speedups.
    /// The final line uses CPU time: on a machine shared with other jobs, wall time measures the
    /// neighbours as much as the code (both figures are in the table).
    func printTable(ours: [BenchNNWorkload.Result], torch: TorchReport?) {
        let trainSeqs = Double(batch * trainSteps), inferSeqs = Double(batch * inferSteps)
        func f(_ v: Double?, _ fmt: String) -> String { v.map { String(format: fmt, $0) } ?? "n/a" }
        print("")
        print("Sequences per second (wall clock | per CPU-second), batch \(batch), \(trainSteps) train / \(inferSteps) inference steps per block, fastest of \(repeats) blocks")
        print("")
        print("| T | phase | Swift wall | PyTorch wall | speedup wall | Swift CPU | PyTorch CPU | speedup CPU |")
        print("|---|---|---|---|---|---|---|---|")
        var trainRatios: [Double] = [], inferRatios: [Double] = []
        for r in ours {
            let ref = torch?.results.first { $0.length == r.length }
            for (phase, seqs, wall, cpu, refWall, refCPU) in [
                ("train", trainSeqs, r.trainSeconds, r.trainCPUSeconds, ref?.train_seconds, ref?.train_cpu_seconds),
                ("infer", inferSeqs, r.inferSeconds, r.inferCPUSeconds, ref?.infer_seconds, ref?.infer_cpu_seconds),
            ] {
                let sw = seqs / wall, sc = seqs / cpu
                let rw = refWall.map { seqs / $0 }, rc = refCPU.map { seqs / $0 }
                if let rc { (phase == "train" ? { trainRatios.append(sc / rc) } : { inferRatios.append(sc / rc) })() }
                print("| \(r.length) | \(phase) | \(f(sw, "%.1f")) | \(f(rw, "%.1f")) | \(f(rw.map { sw / $0 }, "%.2fx")) | \(f(sc, "%.1f")) | \(f(rc, "%.1f")) | \(f(rc.map { sc / $0 }, "%.2fx")) |")
            }
        }
        if let torch { print("\nreference: torch \(torch.torch), \(torch.threads) thread(s); input \(input), hidden \(hidden), \(layers) layers, bidirectional, additive attention, Linear(\(2 * hidden)→2), softmax+BCE, Adam") }
        func geo(_ xs: [Double]) -> String {
            guard !xs.isEmpty, xs.count == ours.count else { return "unavailable" }
            return String(format: "%.2f", Foundation.exp(xs.map { Foundation.log($0) }.reduce(0, +) / Double(xs.count)))
        }
        print("speedups: geometric mean over lengths of CPU-time throughput ratios")
        print("nn_train_speedup_vs_torch=\(geo(trainRatios)) nn_infer_speedup_vs_torch=\(geo(inferRatios))")
    }
}
