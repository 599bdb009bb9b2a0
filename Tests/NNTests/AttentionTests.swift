import Testing
@testable import NN

@Suite("Attention and pooling")
struct AttentionTests {
    let check = GradientCheck()

    @Test func additiveAttentionGradientsWithMask() {
        let h = randomTensor([3, 4, 3], seed: 30)
        let g = randomTensor([3], seed: 31), w = randomTensor([6], seed: 32), b = randomTensor([1], seed: 33)
        check.check([h, g, w, b]) { t, v in
            t.additiveAttentionPooling(v[0], lengths: [4, 2, 1], guide: v[1], weight: v[2], bias: v[3]).pooled
        }
    }

    @Test func attentionWeightsAreAMaskedDistribution() {
        let tape = Tape(recordsGradients: false)
        var h = randomTensor([3, 4, 2], seed: 34)
        let att = AdditiveAttention(size: 2, prefix: "a.")
        var rng = SeededGenerator(seed: 1)
        let p = tape.bind(att.initialParameters(rng: &rng))
        let out = att(tape, p, tape.constant(h), lengths: [4, 2, 0])
        let wts = out.weights
        #expect(abs((0..<4).reduce(Float(0)) { $0 + wts[0, $1] } - 1) < 1e-5)
        #expect(abs(wts[1, 0] + wts[1, 1] - 1) < 1e-5 && wts[1, 2] == 0 && wts[1, 3] == 0)
        #expect((0..<4).allSatisfy { wts[2, $0] == 0 })
        // Padding content does not change the pooled vector.
        let before = tape.value(out.pooled)
        h[1, 3, 0] = 50
        let tape2 = Tape(recordsGradients: false)
        var rng2 = SeededGenerator(seed: 1)
        let p3 = tape2.bind(att.initialParameters(rng: &rng2))
        let after = tape2.value(att(tape2, p3, tape2.constant(h), lengths: [4, 2, 0]).pooled)
        #expect(after == before)
    }

    @Test func maskedMeanGradients() {
        check.check([randomTensor([2, 3, 2], seed: 35)]) { t, v in t.maskedMeanPooling(v[0], lengths: [3, 1]) }
    }
}
