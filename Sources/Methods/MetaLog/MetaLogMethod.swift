import LogData
import NN

/// MetaLog (ICSE 2024), Algorithm 1, reimplemented without its public code's bugs (one event table
/// per system, no test-set model selection, seeded label budget):
///
/// every epoch the source training sessions (cut chronologically into `source_parts` parts) give
/// `source_parts_per_epoch` randomly drawn parts for meta-train; the target's labeled budget is the
/// meta-test split. For each source batch S and target batch T:
/// θ ← θ − γ·∇[L_S(θ) + β·L_T(θ − α∇L_S(θ))], with Adam at rate γ; first order (the code's MLDG
/// form: ∇_θ' L_T at θ' = θ − α∇L_S(θ)) or second order (finite-difference HVP).
///
/// Paper defaults α = γ = 2e-3, β = 4, 5 epochs, batch 100; the code's β = 1 and 10 epochs are the
/// documented alternative. Target labels are used directly (no HDBSCAN pseudo-labels: the job's
/// label budget is exactly what the method may see). With a zero budget it reduces to source-only.
public struct MetaLogMethod: DetectionMethod {
    public init() {}

    public func fit(_ view: TrainingView, hyperparameters hp: Hyperparameters, seed: UInt64,
                    observer: TrainingObserver) throws -> any SessionScorer {
        guard let source = view.source, !source.sessions.isEmpty else {
            throw MethodError.emptySplit(dataset: view.source?.name ?? "(none)", split: "source train")
        }
        let epochs = try hp.int("epochs", min: 1)
        let batchSize = try hp.int("batch_size", min: 1)
        let alpha = try hp.float("alpha"), beta = try hp.float("beta"), gamma = try hp.float("gamma")
        let parts = try hp.int("source_parts", min: 1)
        let partsPerEpoch = min(try hp.int("source_parts_per_epoch", min: 1), parts)
        let metaOrder = try hp.metaOrder()
        let gradClip = try hp.float("grad_clip")
        let select = try hp.string("selection", oneOf: ["last", "source-validation"]) == "source-validation"
        let labeledTarget = view.labeledTarget

        let network = SessionNetwork(try SessionNetworkConfig(
            inputSize: source.embeddingDimension, hyperparameters: hp, domainHidden: 0))
        var initRNG = SeededGenerator(seed: seed, purpose: "init")
        var theta = network.initialParameters(rng: &initRNG)
        var adam = Adam(learningRate: gamma)
        var batchRNG = SeededGenerator(seed: seed, purpose: "batches")
        let loop = EpochLoop(network: network, validation: view.sourceValidation, threshold: try hp.double("threshold"),
                             selectOnValidation: select, observer: observer)
        // Chronological parts of the source training sessions.
        let n = source.sessions.count
        let partRanges = (0..<parts).map { k in (k * n / parts)..<((k + 1) * n / parts) }.filter { !$0.isEmpty }
        let weights = ObjectiveWeights(classification: 1, adversarial: 0, reversal: 0,
                                       classBalance: try hp.bool("class_balance"))

        let result = loop.run(epochs: epochs, initial: theta) { _ in
            let chosen = SeededSampling.choose(min(partsPerEpoch, partRanges.count),
                                               from: Array(partRanges.indices), using: &batchRNG)
            let metaTrain = SeededSampling.shuffled(chosen.flatMap { Array(partRanges[$0]) }, using: &batchRNG)
            var targetCycle = BatchCycle(count: labeledTarget.sessions.count, size: batchSize, rng: batchRNG.fork("target"))
            var stats = ObjectiveStats()
            var targetLoss = 0.0, targetSteps = 0
            for b in batches(metaTrain, size: batchSize) {
                let sTask = TaskBatch(labeled: network.batch(source, indices: b))
                let tIndices = targetCycle.next()
                var g: ParameterSet
                if tIndices.isEmpty {
                    let (gs, st) = network.objective(theta, sTask, weights)
                    g = gs
                    stats.add(st)
                } else {
                    let tTask = TaskBatch(labeled: network.batch(labeledTarget, indices: tIndices))
                    var sStats: ObjectiveStats?
                    let r = MetaGradient.mldg(at: theta, support: { point in
                        let (gs, st) = network.objective(point, sTask, weights)
                        if sStats == nil { sStats = st }
                        return (Float(st.objective), gs)
                    }, query: { point in
                        let (gt, st) = network.objective(point, tTask, weights)
                        targetLoss += st.classificationLoss
                        targetSteps += 1
                        return (Float(st.objective), gt)
                    }, innerLearningRate: alpha, queryWeight: beta, order: metaOrder)
                    g = r.gradient
                    stats.add(sStats!)
                }
                if gradClip > 0 { clipGlobalNorm(&g, maxNorm: gradClip) }
                adam.step(&theta, gradients: g)
            }
            var values = stats.values
            values["loss_meta_test"] = targetSteps == 0 ? .nan : targetLoss / Double(targetSteps)
            return (theta, values)
        }
        return NeuralDetector(network: network, parameters: result, method: "metalog")
    }
}
