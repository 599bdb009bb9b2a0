import Foundation
import Testing
@testable import NN

@Suite("Checkpoints, RNG, vector math")
struct CheckpointAndRandomTests {
    @Test func safetensorsRoundTripKeepsOrderShapesAndBits() throws {
        var rng = SeededGenerator(seed: 9)
        let model = SequenceClassifier(inputSize: 3, hiddenSize: 2, layers: 1)
        var p = model.initialParameters(rng: &rng)
        p.insert("z.scalar", Tensor(shape: [], scalars: [-0.0]))
        let data = try Safetensors.encode(p, metadata: ["seed": "9", "format": "pt"])
        // Layout: 8-byte little-endian length, JSON header padded to 8 bytes.
        let n = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        #expect(n % 8 == 0 && Int(n) + 8 + 4 * p.scalarCount == data.count)
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + Int(n)))) as! [String: Any]
        #expect((header["__metadata__"] as? [String: String])?["seed"] == "9")
        let (back, meta) = try Safetensors.decode(data)
        #expect(back == p && back.names == p.names && meta == ["seed": "9", "format": "pt"])
        #expect(back["z.scalar"]!.scalars[0].sign == .minus)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nn-test-\(UInt32.random(in: 0...UInt32.max)).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors.write(p, to: url)
        #expect(try Safetensors.read(from: url).parameters == p)
    }

    @Test func safetensorsRejectsBadFilesWithTheReason() throws {
        #expect(throws: NNError.self) { try Safetensors.decode(Data([1, 2, 3]), source: "tiny.safetensors") }
        var data = try Safetensors.encode(ParameterSet([("w", Tensor([1, 2]))]))
        data.removeLast(4)
        do {
            _ = try Safetensors.decode(data, source: "cut.safetensors")
            Issue.record("truncated file was accepted")
        } catch let e as NNError {
            #expect(e.description.contains("cut.safetensors") && e.description.contains("'w'"))
        }
    }

    @Test func generatorIsStableAndStreamsAreIndependent() {
        // xoshiro256** seeded by SplitMix64(0): fixed reference outputs guard against silent changes.
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        let xs = (0..<4).map { _ in a.next() }
        #expect(xs == (0..<4).map { _ in b.next() })
        var c = SeededGenerator(seed: 42, purpose: "init"), d = SeededGenerator(seed: 42, purpose: "dropout")
        #expect(c.next() != d.next())
        #expect(SeededGenerator.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(SeededGenerator.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        var r = SeededGenerator(seed: 1)
        var perm = Array(0..<10)
        r.shuffle(&perm)
        #expect(perm.sorted() == Array(0..<10) && perm != Array(0..<10))
        let s = r.sample(5, from: 8)
        #expect(Set(s).count == 5 && s.allSatisfy { $0 < 8 })
        let normals = (0..<20000).map { _ in r.normal() }
        let mean = normals.reduce(0, +) / Float(normals.count)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(normals.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }

    @Test func vectorExpSigmoidTanhAreAccurate() {
        var worstExp: Float = 0, worstTanh: Float = 0, worstSig: Float = 0
        var x: Float = -20
        while x <= 20 {
            worstExp = max(worstExp, abs(VectorMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x))
            worstTanh = max(worstTanh, abs(VectorMath.tanh(x) - Foundation.tanh(x)))
            worstSig = max(worstSig, abs(VectorMath.sigmoid(x) - 1 / (1 + Foundation.exp(-x))))
            x += 0.0137
        }
        #expect(worstExp < 5e-7 && worstTanh < 5e-7 && worstSig < 5e-7)
        #expect(VectorMath.sigmoid(-200) == 0 || VectorMath.sigmoid(-200) < 1e-30)
        #expect(VectorMath.tanh(100) == 1 && VectorMath.tanh(-100) == -1)
    }

    /// Every split of the SIMD dot product: 16-wide body, one 8-wide step, scalar tail.
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 25, 200])
    func vectorDotMatchesScalarSum(_ n: Int) {
        let a = randomTensor([max(n, 1)], seed: 40).scalars, b = randomTensor([max(n, 1)], seed: 41).scalars
        var expected: Double = 0
        for i in 0..<n { expected += Double(a[i]) * Double(b[i]) }
        let got = a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in VectorMath.dot(ap.baseAddress!, bp.baseAddress!, n) } }
        #expect(abs(Double(got) - expected) < 1e-5 * Double(max(n, 1)), "n=\(n): \(got) vs \(expected)")
    }
}

@Suite("Models")
struct ModelTests {
    @Test(arguments: SequenceClassifier.Pooling.allCases)
    func classifierGradientsForEveryPooling(_ pooling: SequenceClassifier.Pooling) {
        let model = SequenceClassifier(inputSize: 2, hiddenSize: 2, layers: 1, bidirectional: true,
                                       pooling: pooling, headHidden: [3])
        var rng = SeededGenerator(seed: 4)
        let params = model.initialParameters(rng: &rng)
        #expect(params.subset(prefix: "extractor.").count + params.subset(prefix: "classifier.").count == params.count)
        let x = randomTensor([3, 4, 2], seed: 77)
        // Small ε: the ReLU in the head has a kink that a wide central difference can straddle.
        GradientCheck(epsilon: 2e-3).check(params.tensors) { t, v in
            let p = BoundParameters(names: params.names, variables: Dictionary(uniqueKeysWithValues: zip(params.names, v)))
            return model(t, p, t.constant(x), lengths: [4, 2, 1])
        }
    }

    @Test func selfAttentionCoreGradients() {
        let q = randomTensor([2, 3, 2], seed: 1), k = randomTensor([2, 3, 2], seed: 2), v = randomTensor([2, 3, 2], seed: 3)
        GradientCheck().check([q, k, v]) { t, vs in
            t.selfAttentionMeanPooling(query: vs[0], key: vs[1], value: vs[2], lengths: [3, 2]).pooled
        }
    }

    @Test func gradientCheckCatchesAWrongBackward() {
        withKnownIssue("a deliberately wrong backward must be reported") {
            GradientCheck().check([randomTensor([3], seed: 5)]) { t, v in
                t.record(t.value(v[0]).scaled(2), inputs: [v[0]]) { g, _ in [g.scaled(1.9)] }
            }
        }
    }
}
