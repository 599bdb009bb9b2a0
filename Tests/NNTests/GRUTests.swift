import Testing
@testable import NN

@Suite("GRU layer")
struct GRUTests {
    let check = GradientCheck()

    /// Weights for one direction: [3H, I], [3H, H], [3H], [3H].
    func directionWeights(input: Int, hidden: Int, seed: UInt64) -> [Tensor] {
        [randomTensor([3 * hidden, input], seed: seed, scale: 0.8), randomTensor([3 * hidden, hidden], seed: seed + 1, scale: 0.8),
         randomTensor([3 * hidden], seed: seed + 2, scale: 0.5), randomTensor([3 * hidden], seed: seed + 3, scale: 0.5)]
    }

    func weights(_ v: ArraySlice<Variable>) -> GRUDirectionWeights {
        let a = Array(v)
        return GRUDirectionWeights(weightIH: a[0], weightHH: a[1], biasIH: a[2], biasHH: a[3])
    }

    /// Straightforward scalar GRU (PyTorch equations) over one sequence of `length` steps.
    func referenceDirection(_ x: [[Float]], w: [Tensor], hidden H: Int, reverse: Bool) -> [[Float]] {
        let I = x.first?.count ?? 0
        var h = [Float](repeating: 0, count: H)
        var out = [[Float]](repeating: [Float](repeating: 0, count: H), count: x.count)
        let order = reverse ? Array((0..<x.count).reversed()) : Array(0..<x.count)
        func sig(_ v: Float) -> Float { 1 / (1 + _exp(-v)) }
        for t in order {
            func pre(_ gate: Int, _ j: Int, input: Bool) -> Float {
                let row = gate * H + j
                if input {
                    var s = w[2].scalars[row]
                    for k in 0..<I { s += w[0].scalars[row * I + k] * x[t][k] }
                    return s
                }
                var s = w[3].scalars[row]
                for k in 0..<H { s += w[1].scalars[row * H + k] * h[k] }
                return s
            }
            var next = h
            for j in 0..<H {
                let r = sig(pre(0, j, input: true) + pre(0, j, input: false))
                let z = sig(pre(1, j, input: true) + pre(1, j, input: false))
                let n = _tanh(pre(2, j, input: true) + r * pre(2, j, input: false))
                next[j] = (1 - z) * n + z * h[j]
            }
            h = next
            out[t] = h
        }
        return out
    }

    @Test func forwardMatchesScalarReferenceWithMasksBothDirections() {
        expectForwardMatchesReference(B: 3, T: 4, I: 3, H: 2, lengths: [4, 2, 1], seed: 20)
    }

    /// Hidden size past one 8-unit panel with a partial last panel, a batch that is not a multiple of the
    /// 3-row register block, and more steps than one projection (4) or weight-gradient (8) chunk.
    @Test func forwardMatchesScalarReferenceAcrossPanelsAndChunks() {
        expectForwardMatchesReference(B: 7, T: 11, I: 5, H: 13, lengths: [11, 3, 0, 7, 11, 1, 9], seed: 26)
    }

    func expectForwardMatchesReference(B: Int, T: Int, I: Int, H: Int, lengths: [Int], seed: UInt64) {
        let x = randomTensor([B, T, I], seed: seed)
        let fw = directionWeights(input: I, hidden: H, seed: 30), bw = directionWeights(input: I, hidden: H, seed: 40)
        let tape = Tape(recordsGradients: false)
        let vars = (fw + bw).map { tape.parameter($0) }
        let y = tape.value(tape.gruLayer(tape.constant(x), lengths: lengths, forward: weights(vars[0..<4]), backward: weights(vars[4..<8])))
        #expect(y.shape == [B, T, 2 * H])
        for b in 0..<B {
            let seq = (0..<lengths[b]).map { t in (0..<I).map { x[b, t, $0] } }
            let f = referenceDirection(seq, w: fw, hidden: H, reverse: false)
            let r = referenceDirection(seq, w: bw, hidden: H, reverse: true)
            for t in 0..<T {
                for j in 0..<H {
                    let ef: Float = t < lengths[b] ? f[t][j] : 0, er: Float = t < lengths[b] ? r[t][j] : 0
                    #expect(abs(y[b, t, j] - ef) < 1e-5, "forward b\(b) t\(t) j\(j)")
                    #expect(abs(y[b, t, H + j] - er) < 1e-5, "reverse b\(b) t\(t) j\(j)")
                }
            }
        }
    }

    @Test func paddingNeverLeaksIntoStates() {
        let B = 2, T = 5, I = 3, H = 3
        var x = randomTensor([B, T, I], seed: 21)
        let w = directionWeights(input: I, hidden: H, seed: 50) + directionWeights(input: I, hidden: H, seed: 60)
        func run(_ x: Tensor) -> Tensor {
            let tape = Tape(recordsGradients: false)
            let v = w.map { tape.parameter($0) }
            return tape.value(tape.gruLayer(tape.constant(x), lengths: [5, 2], forward: weights(v[0..<4]), backward: weights(v[4..<8])))
        }
        let before = run(x)
        for t in 2..<T { for k in 0..<I { x[1, t, k] = 100 } }  // garbage in the padding of sequence 1
        #expect(run(x) == before)
    }

    @Test func unidirectionalGradients() {
        let x = randomTensor([3, 4, 3], seed: 22)
        check.check([x] + directionWeights(input: 3, hidden: 2, seed: 70)) { t, v in
            t.gruLayer(v[0], lengths: [4, 1, 3], forward: weights(v[1..<5]))
        }
    }

    @Test func bidirectionalGradientsWithDifferentLengths() {
        let x = randomTensor([3, 5, 2], seed: 23)
        check.check([x] + directionWeights(input: 2, hidden: 3, seed: 80) + directionWeights(input: 2, hidden: 3, seed: 90)) { t, v in
            t.gruLayer(v[0], lengths: [5, 3, 0], forward: weights(v[1..<5]), backward: weights(v[5..<9]))
        }
    }

    @Test func gradientsAcrossPanelsAndChunks() {
        let x = randomTensor([4, 10, 2], seed: 27)
        check.check([x] + directionWeights(input: 2, hidden: 9, seed: 120) + directionWeights(input: 2, hidden: 9, seed: 130)) { t, v in
            t.gruLayer(v[0], lengths: [10, 9, 2, 0], forward: weights(v[1..<5]), backward: weights(v[5..<9]))
        }
    }

    /// Two calls with the same weights on one tape (a source and a target batch, as ZeroLog's
    /// objective does): each call's backward must use its own activations and packed weights.
    @Test func twoCallsSharingWeightsOnOneTape() {
        let a = randomTensor([3, 5, 2], seed: 28), b = randomTensor([3, 5, 2], seed: 29)
        check.check([a, b] + directionWeights(input: 2, hidden: 3, seed: 140) + directionWeights(input: 2, hidden: 3, seed: 150)) { t, v in
            let first = t.gruLayer(v[0], lengths: [5, 2, 4], forward: weights(v[2..<6]), backward: weights(v[6..<10]))
            let second = t.gruLayer(v[1], lengths: [3, 5, 1], forward: weights(v[2..<6]), backward: weights(v[6..<10]))
            return t.add(first, t.scale(second, 0.7))
        }
    }

    @Test func singleStepGradients() {
        let x = randomTensor([2, 1, 3], seed: 24)
        check.check([x] + directionWeights(input: 3, hidden: 2, seed: 100) + directionWeights(input: 3, hidden: 2, seed: 110)) { t, v in
            t.gruLayer(v[0], lengths: [1, 1], forward: weights(v[1..<5]), backward: weights(v[5..<9]))
        }
    }

    @Test func twoLayerBidirectionalModuleGradients() {
        let gru = GRU(inputSize: 2, hiddenSize: 2, layers: 2, bidirectional: true, prefix: "g.")
        var rng = SeededGenerator(seed: 5)
        let params = gru.initialParameters(rng: &rng)
        #expect(params.names.first == "g.weight_ih_l0" && params.names.contains("g.bias_hh_l1_reverse"))
        let x = randomTensor([2, 3, 2], seed: 25)
        check.check([x] + params.tensors) { t, v in
            let bound = BoundParameters(names: params.names, variables: Dictionary(uniqueKeysWithValues: zip(params.names, v.dropFirst())))
            return gru(t, bound, v[0], lengths: [3, 2])
        }
    }
}

#if canImport(Glibc)
import Glibc
func _exp(_ x: Float) -> Float { Glibc.expf(x) }
func _tanh(_ x: Float) -> Float { Glibc.tanhf(x) }
#endif
