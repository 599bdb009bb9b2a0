import LogData
import NN

/// One labeled batch and (optionally) one batch of the other domain: the unit every trainer step
/// evaluates. For ZeroLog, `labeled` is a source batch and `unlabeled` a target batch; for MetaLog's
/// meta-test, `labeled` is a batch of the target's labeled budget.
struct TaskBatch {
    var labeled: SessionBatch
    var unlabeled: SessionBatch?
}

/// Loss weights of `γ·L_cls + β·L_adv` and the gradient-reversal strength λ.
struct ObjectiveWeights {
    var classification: Float
    var adversarial: Float
    var reversal: Float
    /// Weight anomalous and normal sessions so each class contributes half of L_cls in a batch
    /// (keeps the rare-anomaly signal from being drowned, e.g. by the adversary).
    var classBalance: Bool = false
}

/// Running statistics of what the objective saw (per epoch).
struct ObjectiveStats {
    /// γ·L_cls + β·L_adv, the value whose gradient `objective` returns.
    var objective = 0.0
    var classificationLoss = 0.0
    var adversarialLoss = 0.0
    var steps = 0
    var adversarialSteps = 0
    var domainCorrect = 0
    var domainTotal = 0

    mutating func add(_ o: ObjectiveStats) {
        objective += o.objective
        classificationLoss += o.classificationLoss
        adversarialLoss += o.adversarialLoss
        steps += o.steps
        adversarialSteps += o.adversarialSteps
        domainCorrect += o.domainCorrect
        domainTotal += o.domainTotal
    }

    /// `loss_cls`, `loss_adv`, `domain_acc` (NaN where not measured).
    var values: [String: Double] {
        [
            "loss_cls": steps == 0 ? .nan : classificationLoss / Double(steps),
            "loss_adv": adversarialSteps == 0 ? .nan : adversarialLoss / Double(adversarialSteps),
            "domain_acc": domainTotal == 0 ? .nan : Double(domainCorrect) / Double(domainTotal),
        ]
    }
}

extension SessionNetwork {
    /// Loss `γ·L_cls(labeled) + β·L_adv(labeled vs unlabeled)` at `parameters` and its gradient for
    /// every parameter (zeros where none flows).
    ///
    /// L_cls is binary cross-entropy of p(anomalous) against the labels (computed from the logits). L_adv is the mean of the
    /// domain classifier's BCE on both batches (labeled domain = 0, unlabeled domain = 1), computed
    /// through gradient reversal: the classifier descends it, the extractor ascends it (×λ).
    func objective(_ parameters: ParameterSet, _ task: TaskBatch, _ w: ObjectiveWeights) -> (ParameterSet, ObjectiveStats) {
        let tape = Tape()
        let p = tape.bind(parameters)
        var stats = ObjectiveStats()
        let (rLabeled, _) = represent(tape, p, task.labeled)
        let lCls = tape.binaryCrossEntropy(logits: anomalyLogit(tape, p, rLabeled), targets: task.labeled.anomalyTargets,
                                           weights: w.classBalance ? task.labeled.balancedWeights : nil)
        stats.classificationLoss = Double(tape.value(lCls).scalar)
        stats.steps = 1
        var total = tape.scale(lCls, w.classification)
        if w.adversarial != 0, hasDomainClassifier, let other = task.unlabeled, other.count > 0 {
            let (rOther, _) = represent(tape, p, other)
            let dLabeled = domainLogit(tape, p, rLabeled, lambda: w.reversal)
            let dOther = domainLogit(tape, p, rOther, lambda: w.reversal)
            let lA = tape.binaryCrossEntropy(logits: dLabeled, targets: Tensor(zeros: [task.labeled.count, 1]))
            let lB = tape.binaryCrossEntropy(logits: dOther, targets: Tensor(repeating: 1, shape: [other.count, 1]))
            let lAdv = tape.scale(tape.add(lA, lB), 0.5)
            stats.adversarialLoss = Double(tape.value(lAdv).scalar)
            stats.adversarialSteps = 1
            stats.domainCorrect = tape.value(dLabeled).scalars.filter { $0 < 0 }.count
                + tape.value(dOther).scalars.filter { $0 >= 0 }.count
            stats.domainTotal = task.labeled.count + other.count
            total = tape.add(total, tape.scale(lAdv, w.adversarial))
        }
        stats.objective = Double(tape.value(total).scalar)
        return (tape.gradients(of: total, for: p), stats)
    }
}
