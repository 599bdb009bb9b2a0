import LogData
import NN
import Testing
@testable import Methods

/// The whole training objective of ZeroLog (GRU → attention → anomaly head, and the domain classifier
/// behind gradient reversal, class-balanced BCE on logits, l2-normalised inputs) against central
/// differences of its value, along random directions restricted to each parameter group.
@Suite struct DomainObjectiveTests {
    static let systems = Fixtures.pair(seed: 4, sourceSessions: 40, targetSessions: 40)
    var source: PreparedDataset { Self.systems.0 }
    var target: PreparedDataset { Self.systems.1 }

    func network() -> SessionNetwork {
        SessionNetwork(SessionNetworkConfig(inputSize: Fixtures.dimension, hidden: 16, layers: 1, bidirectional: true,
                                            pooling: .attention, maxLength: 30, domainHidden: 4, eventNormalization: .l2))
    }

    var task: TaskBatch {
        let net = network()
        return TaskBatch(labeled: net.batch(source, indices: Array(0..<32)), unlabeled: net.batch(target, indices: Array(2..<34)))
    }

    /// (analytic g·d, central difference of the objective along d) for a random d on `prefix`'s parameters.
    func directional(_ theta: ParameterSet, _ w: ObjectiveWeights, prefix: String, seed: UInt64,
                     value: ((ParameterSet) -> Double)? = nil) -> (Double, Double) {
        let net = network(), task = task
        var rng = SeededGenerator(seed: seed, purpose: "direction")
        var d = theta.zerosLike()
        for name in theta.names where name.hasPrefix(prefix) { d[name] = rng.normalTensor(theta[name]!.shape) }
        let (g, _) = net.objective(theta, task, w)
        let f = value ?? { net.objective($0, task, w).1.objective }
        let eps: Float = 2e-3
        let numeric = (f(theta.adding(d, scaledBy: eps)) - f(theta.adding(d, scaledBy: -eps))) / Double(2 * eps)
        return (g.dot(d), numeric)
    }

    func close(_ pair: (Double, Double)) -> Bool { abs(pair.0 - pair.1) <= 2e-3 + 2e-2 * abs(pair.1) }

    @Test func gradientMatchesFiniteDifferencesWithoutReversal() {
        var rng = SeededGenerator(seed: 9, purpose: "init")
        let theta = network().initialParameters(rng: &rng)
        // λ = −1 makes the reversal layer an identity, so the returned gradient is the objective's own.
        let w = ObjectiveWeights(classification: 2.5, adversarial: 2, reversal: -1, classBalance: true)
        for (k, prefix) in ["extractor.gru.", "extractor.attention.", "head.", "domain."].enumerated() {
            let r = directional(theta, w, prefix: prefix, seed: UInt64(k))
            #expect(close(r), "\(prefix): analytic \(r.0) vs numeric \(r.1)")
        }
    }

    /// With λ = 1 the domain classifier and the head descend the objective; the extractor descends
    /// γ·L_cls and *ascends* β·L_adv.
    @Test func reversalFlipsOnlyTheExtractorsAdversarialGradient() {
        var rng = SeededGenerator(seed: 10, purpose: "init")
        let theta = network().initialParameters(rng: &rng)
        let net = network(), task = task
        let w = ObjectiveWeights(classification: 2.5, adversarial: 2, reversal: 1, classBalance: true)
        for (k, prefix) in ["head.", "domain."].enumerated() {
            let r = directional(theta, w, prefix: prefix, seed: UInt64(10 + k))
            #expect(close(r), "\(prefix): analytic \(r.0) vs numeric \(r.1)")
        }
        let clsOnly = ObjectiveWeights(classification: 2.5, adversarial: 0, reversal: 1, classBalance: true)
        let r = directional(theta, w, prefix: "extractor.", seed: 20) { point in
            let total = net.objective(point, task, w).1.objective, cls = net.objective(point, task, clsOnly).1.objective
            return cls - (total - cls)
        }
        #expect(close(r), "extractor: analytic \(r.0) vs numeric (γL_cls − βL_adv) \(r.1)")
    }

    /// Domain confusion: the classifier descends only β·L_adv (on the extractor's output taken as a
    /// constant); the extractor descends γ·L_cls + β·λ·L_conf through the frozen classifier.
    @Test func confusionSplitsTheGradientBetweenClassifierAndExtractor() {
        var rng = SeededGenerator(seed: 11, purpose: "init")
        let theta = network().initialParameters(rng: &rng)
        let net = network(), task = task
        let w = ObjectiveWeights(classification: 2.5, adversarial: 2, reversal: 0.6, adversary: .confusion, classBalance: true)
        let (_, stats) = net.objective(theta, task, w)
        #expect(stats.confusionLoss > 0 && stats.adversarialLoss > 0)
        let classifier = directional(theta, w, prefix: "domain.", seed: 30) { point in
            Double(w.adversarial) * net.objective(point, task, w).1.adversarialLoss
        }
        #expect(close(classifier), "domain: analytic \(classifier.0) vs numeric β·L_adv \(classifier.1)")
        let extractor = directional(theta, w, prefix: "extractor.", seed: 31) { point in
            let st = net.objective(point, task, w).1
            return st.objective - Double(w.adversarial) * st.adversarialLoss
        }
        #expect(close(extractor), "extractor: analytic \(extractor.0) vs numeric γL_cls + βλL_conf \(extractor.1)")
    }
}
