import LogData
import NN

/// One labeled batch and (optionally) one batch of the other domain: the unit every trainer step
/// evaluates. For ZeroLog, `labeled` is a source batch and `unlabeled` a target batch; for MetaLog's
/// meta-test, `labeled` is a batch of the target's labeled budget.
struct TaskBatch {
    var labeled: SessionBatch
    var unlabeled: SessionBatch?
}

/// How the feature extractor is set against the domain classifier.
public enum AdversaryForm: String, Sendable, CaseIterable {
    /// DANN (Ganin & Lempitsky 2015): the extractor receives −λ × the classifier's gradient through a
    /// gradient-reversal layer, i.e. it *maximizes* the classifier's loss. It can overshoot into
    /// features that separate the domains the other way round (domain accuracy far below 50%).
    case reversal
    /// Domain confusion (Tzeng et al. 2015): the classifier learns the domains on the extractor's
    /// output as it is, and the extractor minimizes λ × the cross-entropy between the (frozen)
    /// classifier's prediction and 50/50 — its optimum is "indistinguishable", not "reversed".
    case confusion
}

/// Loss weights of `γ·L_cls + β·L_adv`, the adversary's form and its strength λ.
struct ObjectiveWeights {
    var classification: Float
    var adversarial: Float
    /// λ: the reversal strength, or the confusion loss's weight relative to β.
    var reversal: Float
    var adversary: AdversaryForm = .reversal
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
    /// The extractor's domain-confusion loss (`AdversaryForm.confusion` only).
    var confusionLoss = 0.0
    var steps = 0
    var confusionSteps = 0
    var adversarialSteps = 0
    var domainCorrect = 0
    var domainTotal = 0

    mutating func add(_ o: ObjectiveStats) {
        objective += o.objective
        classificationLoss += o.classificationLoss
        adversarialLoss += o.adversarialLoss
        confusionLoss += o.confusionLoss
        confusionSteps += o.confusionSteps
        steps += o.steps
        adversarialSteps += o.adversarialSteps
        domainCorrect += o.domainCorrect
        domainTotal += o.domainTotal
    }

    /// `loss_cls`, and where measured `loss_adv`, `domain_acc` (an adversary ran) and `loss_conf`
    /// (the confusion form ran); keys that were not measured are absent (NaN never compares equal).
    var values: [String: Double] {
        var v = ["loss_cls": steps == 0 ? .nan : classificationLoss / Double(steps)]
        if adversarialSteps > 0 {
            v["loss_adv"] = adversarialLoss / Double(adversarialSteps)
            v["domain_acc"] = Double(domainCorrect) / Double(domainTotal)  // > 0 whenever an adversary ran
        }
        if confusionSteps > 0 { v["loss_conf"] = confusionLoss / Double(confusionSteps) }
        return v
    }
}

extension SessionNetwork {
    /// Loss `γ·L_cls(labeled) + β·L_adv(labeled vs unlabeled)` at `parameters` and its gradient for
    /// every parameter (zeros where none flows).
    ///
    /// L_cls is binary cross-entropy of p(anomalous) against the labels (computed from the logits).
    /// L_adv is the mean of the domain classifier's BCE on both batches (labeled domain = 0, unlabeled
    /// domain = 1), which the classifier descends. The extractor, with `.reversal`, ascends it (×λ)
    /// through gradient reversal; with `.confusion` it gets nothing from L_adv and descends
    /// β·λ·L_conf instead, the BCE of the frozen classifier's predictions against 0.5 on both batches
    /// (its value is added to the returned objective).
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
            // The classifier's own loss: through gradient reversal (DANN), or on the extractor's output
            // as a constant (confusion: the extractor's signal comes from the confusion term below).
            func features(_ r: Variable) -> Variable {
                w.adversary == .reversal ? tape.gradientReversal(r, lambda: w.reversal) : tape.constant(tape.value(r))
            }
            let dLabeled = domainLogit(tape, p, features(rLabeled))
            let dOther = domainLogit(tape, p, features(rOther))
            let lA = tape.binaryCrossEntropy(logits: dLabeled, targets: Tensor(zeros: [task.labeled.count, 1]))
            let lB = tape.binaryCrossEntropy(logits: dOther, targets: Tensor(repeating: 1, shape: [other.count, 1]))
            let lAdv = tape.scale(tape.add(lA, lB), 0.5)
            stats.adversarialLoss = Double(tape.value(lAdv).scalar)
            stats.adversarialSteps = 1
            stats.domainCorrect = tape.value(dLabeled).scalars.filter { $0 < 0 }.count
                + tape.value(dOther).scalars.filter { $0 >= 0 }.count
            stats.domainTotal = task.labeled.count + other.count
            if w.adversary == .confusion {
                let frozen = tape.frozen(p, prefix: "domain.")
                let half = { (n: Int) in Tensor(repeating: 0.5, shape: [n, 1]) }
                let cA = tape.binaryCrossEntropy(logits: domainLogit(tape, frozen, rLabeled), targets: half(task.labeled.count))
                let cB = tape.binaryCrossEntropy(logits: domainLogit(tape, frozen, rOther), targets: half(other.count))
                let lConf = tape.scale(tape.add(cA, cB), 0.5)
                stats.confusionLoss = Double(tape.value(lConf).scalar)
                stats.confusionSteps = 1
                total = tape.add(total, tape.scale(lConf, w.adversarial * w.reversal))
            }
            total = tape.add(total, tape.scale(lAdv, w.adversarial))
        }
        stats.objective = Double(tape.value(total).scalar)
        return (tape.gradients(of: total, for: p), stats)
    }
}
