import LogData
import NN

/// ZeroLog: a GRU + attention detector trained on labeled source sessions and *unlabeled* target
/// sessions, with adversarial domain adaptation (domain classifier behind gradient reversal) inside
/// a meta-learning loop (support/query tasks, inner SGD step, outer Adam meta-update).
///
/// The ablations are switches on this one implementation: `use_meta=false` (adversarial
/// adaptation only: one joint step per batch on γ·L_cls + β·L_adv), `use_adversary=false`
/// (meta-learning on the source only), `pooling=mean`, and both off = source-only.
/// See `ZeroLogSettings` for the readings chosen where the paper is silent.
public struct ZeroLogMethod: DetectionMethod {
    public init() {}

    public func fit(_ view: TrainingView, hyperparameters hp: Hyperparameters, seed: UInt64,
                    observer: TrainingObserver) throws -> any SessionScorer {
        let s = try ZeroLogSettings(hp)
        guard let source = view.source, !source.sessions.isEmpty else {
            throw MethodError.emptySplit(dataset: view.source?.name ?? "(none)", split: "source train")
        }
        let target = view.target
        if s.useAdversary && target.sessions.isEmpty {
            throw MethodError.emptySplit(dataset: target.name, split: "target train (unlabeled pool)")
        }
        guard target.embeddingDimension == source.embeddingDimension else {
            throw MethodError.incompatibleEmbedding(dataset: target.name, expected: source.embeddingDimension,
                                                    found: target.embeddingDimension)
        }
        let network = SessionNetwork(try SessionNetworkConfig(
            inputSize: source.embeddingDimension, hyperparameters: hp, domainHidden: s.useAdversary ? s.domainHidden : 0))
        var initRNG = SeededGenerator(seed: seed, purpose: "init")
        var theta = network.initialParameters(rng: &initRNG)
        var adam = Adam(learningRate: s.outerRate, groups: [
            ParameterGroup(prefixes: ["domain."], learningRate: s.outerRate * s.domainRateScale)])
        var batchRNG = SeededGenerator(seed: seed, purpose: "batches")
        let loop = EpochLoop(network: network, validation: view.sourceValidation, threshold: s.threshold,
                             selectOnValidation: s.selectOnValidation, observer: observer)
        let sourceBatchCount = (source.sessions.count + s.batchSize - 1) / s.batchSize
        let stepsPerEpoch = s.useMeta ? max(1, sourceBatchCount / 2) : sourceBatchCount
        let totalSteps = Double(s.epochs * stepsPerEpoch)
        var step = 0
        var average = theta
        func setRate() {
            let m = s.rateMultiplier(progress: Double(step) / totalSteps)
            adam.learningRate = s.outerRate * m
            adam.groups[0].learningRate = s.outerRate * s.domainRateScale * m
        }
        /// γ, β (0 without the adversary) and λ at the current step.
        func weights() -> ObjectiveWeights {
            ObjectiveWeights(classification: s.gamma, adversarial: s.useAdversary ? s.beta : 0,
                             reversal: s.reversal(progress: Double(step) / totalSteps), adversary: s.adversary,
                             classBalance: s.classBalance)
        }
        func stepDone() {
            step += 1
            setRate()
            if s.emaDecay > 0 { average = average.scaled(s.emaDecay).adding(theta, scaledBy: 1 - s.emaDecay) }
        }

        let result = loop.run(epochs: s.epochs, initial: theta) { _ in
            let sourceBatches = batches(SeededSampling.shuffled(Array(source.sessions.indices), using: &batchRNG),
                                        size: s.batchSize)
            var targetCycle = BatchCycle(count: s.useAdversary ? target.sessions.count : 0, size: s.batchSize,
                                         rng: batchRNG.fork("target"))
            func task(_ sourceBatch: [Int]) -> TaskBatch {
                TaskBatch(labeled: network.batch(source, indices: sourceBatch),
                          unlabeled: s.useAdversary
                              ? network.batch(target, indices: targetCycle.next())
                              : nil)
            }
            var stats = ObjectiveStats()
            if s.useMeta {
                for k in 0..<stepsPerEpoch {
                    let support = task(sourceBatches[2 * k])
                    let query = task(sourceBatches[min(2 * k + 1, sourceBatches.count - 1)])
                    let w = weights()
                    var firstStats: ObjectiveStats?
                    let r = MetaGradient.adapt(at: theta, support: { point in
                        let (g, st) = network.objective(point, support, w)
                        if firstStats == nil { firstStats = st }
                        return (Float(st.objective), g)
                    }, query: { point in
                        let (g, st) = network.objective(point, query, w)
                        return (Float(st.objective), g)
                    }, innerLearningRate: s.delta, innerSteps: s.innerSteps, order: s.metaOrder)
                    var g = s.mamlForm ? r.queryGradient.scaled(s.alpha)
                                       : r.supportGradient.adding(r.queryGradient, scaledBy: s.alpha)
                    if s.gradClip > 0 { clipGlobalNorm(&g, maxNorm: s.gradClip) }
                    adam.step(&theta, gradients: g)
                    stats.add(firstStats!)
                    stepDone()
                }
            } else {
                for b in sourceBatches {
                    let w = weights()
                    var (g, st) = network.objective(theta, task(b), w)
                    if s.gradClip > 0 { clipGlobalNorm(&g, maxNorm: s.gradClip) }
                    adam.step(&theta, gradients: g)
                    stats.add(st)
                    stepDone()
                }
            }
            var values = stats.values
            values["grl_lambda"] = Double(s.reversal(progress: Double(step) / totalSteps))
            return (s.emaDecay > 0 ? average : theta, values)
        }
        return NeuralDetector(network: network, parameters: result, method: "zerolog")
    }
}
