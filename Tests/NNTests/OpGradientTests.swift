import Testing
@testable import NN

@Suite("Op gradients (finite differences)")
struct OpGradientTests {
    let check = GradientCheck()

    @Test func matmulAllTransposeFlags() {
        for ta in [false, true] {
            for tb in [false, true] {
                let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 1)
                let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 2)
                check.check([a, b]) { t, v in t.matmul(v[0], v[1], transposeA: ta, transposeB: tb) }
            }
        }
    }

    @Test func linearAndBias() {
        check.check([randomTensor([4, 3], seed: 3), randomTensor([2, 3], seed: 4), randomTensor([2], seed: 5)]) { t, v in
            t.linear(v[0], weight: v[1], bias: v[2])
        }
        check.check([randomTensor([2, 3, 4], seed: 6), randomTensor([4], seed: 7)]) { t, v in t.addBias(v[0], v[1]) }
    }

    @Test func elementwise() {
        let a = randomTensor([3, 4], seed: 8, scale: 2), b = randomTensor([3, 4], seed: 9, scale: 2)
        check.check([a, b]) { t, v in t.add(v[0], v[1]) }
        check.check([a, b]) { t, v in t.sub(v[0], v[1]) }
        check.check([a, b]) { t, v in t.mul(v[0], v[1]) }
        check.check([a]) { t, v in t.scale(v[0], -1.7) }
        check.check([a]) { t, v in t.addScalar(v[0], 0.3) }
        check.check([a]) { t, v in t.sigmoid(v[0]) }
        check.check([a]) { t, v in t.tanh(v[0]) }
        check.check([a]) { t, v in t.relu(v[0]) }
    }

    @Test func softmaxFamilyAndReductions() {
        let x = randomTensor([3, 5], seed: 10, scale: 2)
        check.check([x]) { t, v in t.softmax(v[0]) }
        check.check([x]) { t, v in t.logSoftmax(v[0]) }
        check.check([x]) { t, v in t.sum(v[0]) }
        check.check([x]) { t, v in t.mean(v[0]) }
    }

    @Test func losses() {
        let logits = randomTensor([4, 3], seed: 11, scale: 2)
        check.check([logits]) { t, v in t.crossEntropy(logits: v[0], labels: [0, 2, 1, 2]) }
        // BCE on softmax probabilities with soft 2-dim targets (MetaLog's loss) and per-sample weights.
        let targets = Tensor(shape: [4, 2], scalars: [0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0, 1])
        check.check([randomTensor([4, 2], seed: 12, scale: 2)]) { t, v in
            t.binaryCrossEntropy(probabilities: t.softmax(v[0]), targets: targets, weights: [1, 2, 0.5, 1])
        }
        check.check([randomTensor([4], seed: 13, scale: 2)]) { t, v in
            t.binaryCrossEntropy(probabilities: t.sigmoid(v[0]), targets: Tensor([1, 0, 0.3, 1]))
        }
        check.check([randomTensor([4, 1], seed: 16, scale: 3)]) { t, v in
            t.binaryCrossEntropy(logits: v[0], targets: Tensor(shape: [4, 1], scalars: [1, 0, 0.3, 1]), weights: [1, 2, 0.5, 1])
        }
    }

    /// The fused logits form equals BCE after a sigmoid where both are finite, and keeps the gradient
    /// (σ − t) of a confidently wrong logit, where the probability form's has vanished.
    @Test func logitBinaryCrossEntropyMatchesAndKeepsSaturatedGradients() {
        let z = Tensor(shape: [3, 1], scalars: [-2, 0.5, 3]), t = Tensor(shape: [3, 1], scalars: [1, 0, 1])
        let tape = Tape()
        let fused = tape.value(tape.binaryCrossEntropy(logits: tape.constant(z), targets: t)).scalar
        let plain = tape.value(tape.binaryCrossEntropy(probabilities: tape.sigmoid(tape.constant(z)), targets: t)).scalar
        #expect(abs(fused - plain) < 1e-5)
        let wrong = Tape()
        let x = wrong.parameter(Tensor(shape: [1, 1], scalars: [40]))
        let zero = Tensor(shape: [1, 1], scalars: [0])
        let loss = wrong.binaryCrossEntropy(logits: x, targets: zero)
        #expect(abs(wrong.value(loss).scalar - 40) < 1e-4)
        #expect(abs((wrong.gradients(of: loss)[x]?.scalars[0] ?? 0) - 1) < 1e-6)
        let viaSigmoid = wrong.binaryCrossEntropy(probabilities: wrong.sigmoid(x), targets: zero)
        #expect((wrong.gradients(of: viaSigmoid)[x]?.scalars[0] ?? 0) < 1e-3)
    }

    @Test func shapeOps() {
        let a = randomTensor([2, 3], seed: 14), b = randomTensor([3, 3], seed: 15)
        check.check([a, b]) { t, v in t.concat([v[0], v[1]]) }
        check.check([b]) { t, v in t.slice(v[0], rows: 1..<3) }
        check.check([b]) { t, v in t.column(v[0], 2) }
        check.check([b]) { t, v in t.reshape(v[0], [9]) }
    }

    @Test func dropoutUsesItsMask() {
        let x = randomTensor([4, 5], seed: 16)
        check.check([x]) { t, v in
            var rng = SeededGenerator(seed: 3, purpose: "dropout")  // same mask on every evaluation
            let tape = t
            tape.isTraining = true
            return tape.dropout(v[0], p: 0.4, rng: &rng)
        }
        let t = Tape(recordsGradients: false, isTraining: false)
        var rng = SeededGenerator(seed: 1)
        let v = t.constant(x)
        #expect(t.value(t.dropout(v, p: 0.5, rng: &rng)) == x, "dropout must be the identity at inference")
    }

    @Test func gradientReversalFlipsAndScalesTheSign() {
        let x = randomTensor([3], seed: 17)
        let tape = Tape()
        let v = tape.parameter(x)
        let y = tape.gradientReversal(v, lambda: 0.5)
        #expect(tape.value(y) == x)
        let loss = tape.sum(tape.mul(y, tape.constant(Tensor([1, 2, 3]))))
        #expect(tape.gradients(of: loss)[v]!.scalars == [-0.5, -1, -1.5])
    }
}
