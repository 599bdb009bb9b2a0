import Testing
@testable import NN

/// Finite-difference gradient checking for tape ops.
///
/// The op's output is reduced to a scalar with fixed random weights R (loss = Σ R ⊙ out), the
/// analytic gradient of every input comes from the tape, and each input element is checked against
/// the central difference (L(x+ε) − L(x−ε)) / 2ε computed in Float with the loss accumulated in Double.
struct GradientCheck {
    var epsilon: Float = 1e-2
    var absoluteTolerance: Float = 2e-3
    var relativeTolerance: Float = 3e-2

    /// Checks gradients of `build` w.r.t. every tensor in `inputs` (all treated as parameters).
    func check(_ inputs: [Tensor], seed: UInt64 = 7, sourceLocation: SourceLocation = #_sourceLocation,
               _ build: (Tape, [Variable]) -> Variable) {
        // Weights for the scalar reduction, fixed by the output shape.
        let probe = Tape()
        let outShape = probe.shape(build(probe, inputs.map { probe.parameter($0) }))
        var rng = SeededGenerator(seed: seed, purpose: "gradient-check")
        let weights = rng.uniformTensor(outShape, low: -1, high: 1)

        func loss(_ xs: [Tensor]) -> Double {
            let tape = Tape(recordsGradients: false)
            let out = tape.value(build(tape, xs.map { tape.parameter($0) }))
            var acc = 0.0
            for i in 0..<out.count { acc += Double(out.scalars[i]) * Double(weights.scalars[i]) }
            return acc
        }

        let tape = Tape()
        let vars = inputs.map { tape.parameter($0) }
        let out = build(tape, vars)
        let scalar = tape.sum(tape.mul(out, tape.constant(weights)))
        let grads = tape.gradients(of: scalar)

        var worst: (input: Int, index: Int, analytic: Float, numeric: Float)? = nil
        var failures = 0
        for (k, x) in inputs.enumerated() {
            let analytic = grads[vars[k]] ?? x.zerosLike
            for i in 0..<x.count {
                var plus = inputs, minus = inputs
                plus[k].scalars[i] += epsilon
                minus[k].scalars[i] -= epsilon
                let numeric = Float((loss(plus) - loss(minus)) / Double(2 * epsilon))
                let a = analytic.scalars[i]
                if abs(a - numeric) > absoluteTolerance + relativeTolerance * max(abs(a), abs(numeric)) {
                    failures += 1
                    if worst == nil || abs(a - numeric) > abs(worst!.analytic - worst!.numeric) {
                        worst = (k, i, a, numeric)
                    }
                }
            }
        }
        #expect(failures == 0, "gradient mismatches: \(failures); worst input \(worst.map { "#\($0.input)[\($0.index)] analytic \($0.analytic) numeric \($0.numeric)" } ?? "")",
                sourceLocation: sourceLocation)
    }
}

/// Random test tensors.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed, purpose: "test-tensor")
    return rng.uniformTensor(shape, low: -scale, high: scale)
}
