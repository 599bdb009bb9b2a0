import Testing
@testable import NN

@Suite("Parameters and optimizers")
struct OptimizerTests {
    @Test func parameterSetVectorOps() {
        let a = ParameterSet([("x.w", Tensor([1, 2])), ("y.b", Tensor([3]))])
        let b = ParameterSet([("x.w", Tensor([0.5, -1])), ("y.b", Tensor([2]))])
        #expect((a - b).flattened == [0.5, 3, 1])
        #expect(a.adding(b, scaledBy: 2).flattened == [2, 0, 7])
        #expect(a.dot(b) == 0.5 - 2 + 6)
        #expect(abs(a.norm - 14.0.squareRoot()) < 1e-12)
        #expect(a.zerosLike().flattened == [0, 0, 0])
        #expect(a.subset(prefix: "x.").names == ["x.w"])
        #expect(a.merging(ParameterSet([("y.b", Tensor([9]))])).flattened == [1, 2, 9])
        #expect(throws: NNError.self) { try a.tensor("z") }
    }

    @Test func adamMatchesHandComputedFirstSteps() {
        var p = ParameterSet([("w", Tensor([1.0, -2.0]))])
        var adam = Adam(learningRate: 0.1)
        let g = ParameterSet([("w", Tensor([0.5, -0.25]))])
        adam.step(&p, gradients: g)
        // First Adam step moves each coordinate by lr·sign(g) (up to ε).
        #expect(abs(p["w"]!.scalars[0] - 0.9) < 1e-6 && abs(p["w"]!.scalars[1] - (-1.9)) < 1e-6)
        adam.step(&p, gradients: g)
        #expect(abs(p["w"]!.scalars[0] - 0.8) < 1e-5)
    }

    @Test func scheduleGroupsAndClipping() {
        let s = LearningRateSchedule.stepDecay(factor: 0.75, every: 1000, staircase: false)
        #expect(abs(s.multiplier(step: 2000) - 0.5625) < 1e-6)
        #expect(LearningRateSchedule.stepDecay(factor: 0.75, every: 1000, staircase: true).multiplier(step: 1999) == 0.75)
        var p = ParameterSet([("a.w", Tensor([0])), ("b.w", Tensor([0]))])
        var sgd = SGD(learningRate: 1, groups: [ParameterGroup(prefixes: ["b."], learningRate: 0.1)])
        sgd.step(&p, gradients: ParameterSet([("a.w", Tensor([1])), ("b.w", Tensor([1]))]))
        #expect(p.flattened == [-1, -0.1])
        var g = ParameterSet([("a", Tensor([3, 4]))])
        let n = clipGlobalNorm(&g, maxNorm: 1)
        #expect(n == 5 && abs(g.norm - 1) < 1e-5)
    }

    /// Trains a tiny bidirectional GRU classifier for `steps` Adam steps from `seed`.
    func train(seed: UInt64, steps: Int) -> (ParameterSet, [Float]) {
        let gru = GRU(inputSize: 2, hiddenSize: 4, layers: 1, bidirectional: true, prefix: "gru.")
        let head = Linear(8, 2, prefix: "head.")
        var rng = SeededGenerator(seed: seed, purpose: "init")
        var params = gru.initialParameters(rng: &rng).merging(head.initialParameters(rng: &rng))
        var adam = Adam(learningRate: 0.05)
        var data = SeededGenerator(seed: seed, purpose: "data")
        var losses: [Float] = []
        for _ in 0..<steps {
            // Task: does the sequence contain a step whose first feature is > 0.8? Variable lengths.
            let B = 16, T = 6
            var x = Tensor(zeros: [B, T, 2]); var labels = [Int](); var lengths = [Int]()
            for b in 0..<B {
                let L = 2 + data.integer(below: T - 1)
                var positive = 0
                for t in 0..<L {
                    let v = data.uniform(-1, 0.7) + (data.integer(below: 4) == 0 ? 0.3 : 0)
                    x[b, t, 0] = v; x[b, t, 1] = data.uniform(-1, 1)
                    if v > 0.8 { positive = 1 }
                }
                labels.append(positive); lengths.append(L)
            }
            let tape = Tape()
            let p = tape.bind(params)
            let h = gru(tape, p, tape.constant(x), lengths: lengths)
            let pooled = tape.maskedMeanPooling(h, lengths: lengths)
            let loss = tape.crossEntropy(logits: head(tape, p, pooled), labels: labels)
            losses.append(tape.value(loss).scalar)
            adam.step(&params, gradients: tape.gradients(of: loss, for: p))
        }
        return (params, losses)
    }

    @Test func gruLearnsASyntheticSequenceTask() {
        let (_, losses) = train(seed: 11, steps: 150)
        let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
        #expect(last < 0.5 * first, "loss should fall: first \(first), last \(last)")
    }

    @Test func sameSeedIsBitIdenticalDifferentSeedDiffers() {
        let (a, _) = train(seed: 3, steps: 8)
        let (b, _) = train(seed: 3, steps: 8)
        let (c, _) = train(seed: 4, steps: 8)
        #expect(a == b)
        #expect(a != c)
    }
}
