import Testing
@testable import NN

@Suite("Meta-gradients")
struct MetaGradientTests {
    /// A small smooth model: mean((tanh(x Wᵀ + b) − y)²) with W [3, 2], b [3].
    func lossClosure(seed: UInt64) -> LossAndGradient {
        let x = randomTensor([5, 2], seed: seed, scale: 1.5)
        let y = randomTensor([5, 3], seed: seed + 1, scale: 0.9)
        return { theta in
            let tape = Tape()
            let p = tape.bind(theta)
            let out = tape.tanh(tape.linear(tape.constant(x), weight: p["w"], bias: p["b"]))
            let loss = tape.meanSquaredError(out, target: y)
            return (tape.value(loss).scalar, tape.gradients(of: loss, for: p))
        }
    }

    let theta = ParameterSet([("w", randomTensor([3, 2], seed: 90, scale: 0.8)), ("b", randomTensor([3], seed: 91, scale: 0.5))])

    /// Central differences of a scalar objective over every coordinate of θ.
    func numericGradient(_ f: (ParameterSet) throws -> Float, at theta: ParameterSet, eps: Float = 1e-2) throws -> ParameterSet {
        var g = theta.zerosLike()
        for i in 0..<theta.count {
            for k in 0..<theta.tensors[i].count {
                var plus = theta, minus = theta
                plus.update(at: i) { $0.scalars[k] += eps }
                minus.update(at: i) { $0.scalars[k] -= eps }
                let d = (try f(plus) - f(minus)) / (2 * eps)
                g.update(at: i) { $0.scalars[k] = d }
            }
        }
        return g
    }

    @Test func hessianVectorProductMatchesDifferencesOfGradients() throws {
        // For L = Σ c_i θ_i⁴ / 4 the Hessian is diag(3 c_i θ_i²).
        let c: [Float] = [1, 2, 0.5]
        let quartic: LossAndGradient = { th in
            let v = th["v"]!.scalars
            return (zip(c, v).reduce(0) { $0 + $1.0 * $1.1 * $1.1 * $1.1 * $1.1 / 4 },
                    ParameterSet([("v", Tensor(zip(c, v).map { $0 * $1 * $1 * $1 }))]))
        }
        let th = ParameterSet([("v", Tensor([1, -0.5, 2]))])
        let vec = ParameterSet([("v", Tensor([0.3, 1, -1]))])
        let hv = try MetaGradient.hessianVectorProduct(of: quartic, at: th, vector: vec)
        let expected: [Float] = [3 * 1 * 1 * 0.3, 3 * 2 * 0.25 * 1, 3 * 0.5 * 4 * -1]
        for (a, e) in zip(hv["v"]!.scalars, expected) { #expect(abs(a - e) < 2e-3 * max(1, abs(e))) }
    }

    @Test func secondOrderMAMLMatchesTheTrueObjective() throws {
        let support = lossClosure(seed: 1), query = lossClosure(seed: 3)
        let alpha: Float = 0.8
        let objective: (ParameterSet) throws -> Float = { th in
            try query(th.adding(try support(th).gradient, scaledBy: -alpha)).loss
        }
        let numeric = try numericGradient(objective, at: theta)
        let second = try MetaGradient.maml(at: theta, support: support, query: query, innerLearningRate: alpha, order: .second)
        let first = try MetaGradient.maml(at: theta, support: support, query: query, innerLearningRate: alpha, order: .first)
        let errSecond = second.gradient.maxAbsDifference(numeric), errFirst = first.gradient.maxAbsDifference(numeric)
        #expect(errSecond < 2e-3, "second-order error \(errSecond)")
        #expect(errFirst > 5 * errSecond, "the Hessian term must matter here (first-order error \(errFirst))")
        // First order is exactly the query gradient at θ'.
        #expect(first.gradient == (try query(first.adapted).gradient))
    }

    @Test func severalInnerStepsSecondOrderMatchesTheTrueObjective() throws {
        let support = lossClosure(seed: 11), query = lossClosure(seed: 13)
        let alpha: Float = 0.4, steps = 3
        let objective: (ParameterSet) throws -> Float = { th in
            var point = th
            for _ in 0..<steps { point = point.adding(try support(point).gradient, scaledBy: -alpha) }
            return try query(point).loss
        }
        let numeric = try numericGradient(objective, at: theta)
        let second = try MetaGradient.adapt(at: theta, support: support, query: query, innerLearningRate: alpha,
                                            innerSteps: steps, order: .second)
        let first = try MetaGradient.adapt(at: theta, support: support, query: query, innerLearningRate: alpha,
                                           innerSteps: steps, order: .first)
        let errSecond = second.queryGradient.maxAbsDifference(numeric), errFirst = first.queryGradient.maxAbsDifference(numeric)
        #expect(errSecond < 3e-3, "second-order error \(errSecond)")
        #expect(errFirst > 5 * errSecond, "the Hessian terms must matter here (first-order error \(errFirst))")
        #expect(second.adapted == first.adapted)
        #expect(second.supportGradient == (try support(theta).gradient))
        #expect(abs(second.queryLoss - (try objective(theta))) < 1e-6)
    }

    @Test func mldgCombinesSupportAndQuery() throws {
        let support = lossClosure(seed: 5), query = lossClosure(seed: 7)
        let alpha: Float = 0.5, beta: Float = 2
        let objective: (ParameterSet) throws -> Float = { th in
            let (ls, gs) = try support(th)
            return ls + beta * (try query(th.adding(gs, scaledBy: -alpha)).loss)
        }
        let numeric = try numericGradient(objective, at: theta)
        let second = try MetaGradient.mldg(at: theta, support: support, query: query, innerLearningRate: alpha,
                                           queryWeight: beta, order: .second)
        #expect(second.gradient.maxAbsDifference(numeric) < 3e-3)
        let first = try MetaGradient.mldg(at: theta, support: support, query: query, innerLearningRate: alpha,
                                          queryWeight: beta, order: .first)
        let expected = try support(theta).gradient.adding(try query(first.adapted).gradient, scaledBy: beta)
        #expect(first.gradient.maxAbsDifference(expected) == 0)
    }
}
