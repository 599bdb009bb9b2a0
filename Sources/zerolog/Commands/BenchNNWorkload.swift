import Foundation
import NN

/// The Swift side of `zerolog bench nn`: MetaLog's network (2-layer bidirectional GRU, additive
/// attention, Linear(2H→2), softmax + BCE on 2-dim targets) trained with Adam and run for inference.
struct BenchNNWorkload {
    var batch: Int, input: Int, hidden: Int, layers: Int
    var trainSteps: Int, inferSteps: Int, warmup: Int
    /// Timed blocks per phase; the fastest (wall and CPU separately) is reported.
    var repeats: Int
    var seed: UInt64

    struct Result {
        var length: Int
        /// Wall-clock seconds of the timed steps.
        var trainSeconds: Double, inferSeconds: Double
        /// Process CPU seconds of the timed steps (stable on a shared machine).
        var trainCPUSeconds: Double, inferCPUSeconds: Double
        var trainSequencesPerSecond: Double, inferSequencesPerSecond: Double
        var finalLoss: Float
    }

    func run(length T: Int) -> Result {
        let model = SequenceClassifier(inputSize: input, hiddenSize: hidden, layers: layers, bidirectional: true,
                                       pooling: .additiveAttention)
        var rng = SeededGenerator(seed: seed, purpose: "bench-nn-init")
        var params = model.initialParameters(rng: &rng)
        var data = SeededGenerator(seed: seed, purpose: "bench-nn-data")
        let x = data.normalTensor([batch, T, input])
        let lengths = [Int](repeating: T, count: batch)
        var targets = Tensor(zeros: [batch, 2])
        for b in 0..<batch {
            let y: Float = data.integer(below: 2) == 1 ? 1 : 0
            targets[b, 0] = 1 - y; targets[b, 1] = y
        }
        var adam = Adam(learningRate: 2e-3)

        func trainStep() -> Float {
            let tape = Tape()
            let p = tape.bind(params)
            let probs = tape.softmax(model(tape, p, tape.constant(x), lengths: lengths))
            let loss = tape.binaryCrossEntropy(probabilities: probs, targets: targets)
            adam.step(&params, gradients: tape.gradients(of: loss, for: p))
            return tape.value(loss).scalar
        }
        func inferStep() -> Tensor {
            let tape = Tape(recordsGradients: false)
            let p = tape.bind(params)
            return tape.value(tape.softmax(model(tape, p, tape.constant(x), lengths: lengths)))
        }

        var loss: Float = 0
        for _ in 0..<warmup { loss = trainStep() }
        let (ts, tc) = Self.fastest(repeats) { for _ in 0..<trainSteps { loss = trainStep() } }
        for _ in 0..<warmup { _ = inferStep() }
        let (inf, ic) = Self.fastest(repeats) { for _ in 0..<inferSteps { _ = inferStep() } }
        return Result(length: T, trainSeconds: ts, inferSeconds: inf, trainCPUSeconds: tc, inferCPUSeconds: ic,
                      trainSequencesPerSecond: Double(batch * trainSteps) / ts,
                      inferSequencesPerSecond: Double(batch * inferSteps) / inf, finalLoss: loss)
    }
}

extension BenchNNWorkload {
    /// The smallest (wall, CPU) seconds over `repeats` runs of `body`.
    static func fastest(_ repeats: Int, _ body: () -> Void) -> (Double, Double) {
        var best = (Double.infinity, Double.infinity)
        for _ in 0..<max(repeats, 1) {
            let (w, c) = time(body)
            best = (min(best.0, w), min(best.1, c))
        }
        return best
    }

    /// (wall seconds, process CPU seconds) of `body`.
    static func time(_ body: () -> Void) -> (Double, Double) {
        let c0 = cpuSeconds()
        let d = ContinuousClock().measure(body)
        let wall = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return (wall, cpuSeconds() - c0)
    }

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
