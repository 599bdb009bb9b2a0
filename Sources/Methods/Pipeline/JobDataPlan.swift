import LogData
import NN

/// A job's data after splitting and drawing the label budget: the `TrainingView` the method sees,
/// and the evaluation parts it never sees.
public struct JobDataPlan: Sendable {
    public var view: TrainingView
    public var targetTest: PreparedDataset
    public var sourceValidation: PreparedDataset
    public var sourceTest: PreparedDataset
    public var budget: LabelBudgetDraw
    public var sizes: [String: Int]

    public init(source: PreparedDataset, target: PreparedDataset, hyperparameters hp: Hyperparameters,
                budget: LabelBudget, seed: UInt64) throws {
        let sourceSplit = ChronologicalSplit(
            sessionCount: source.sessions.count,
            fractions: try SplitFractions(train: hp.fraction("source_train_fraction"),
                                          validation: hp.fraction("source_validation_fraction"),
                                          test: hp.fraction("source_test_fraction")))
        let targetSplit = ChronologicalSplit(
            sessionCount: target.sessions.count,
            fractions: try SplitFractions(train: hp.fraction("target_train_fraction"), validation: 0,
                                          test: hp.fraction("target_test_fraction")))
        guard !sourceSplit.train.isEmpty else { throw MethodError.emptySplit(dataset: source.name, split: "source train") }
        guard !targetSplit.test.isEmpty else { throw MethodError.emptySplit(dataset: target.name, split: "target test") }

        var rng = SeededGenerator(seed: seed, purpose: "label-budget")
        let draw = LabelBudgetDraw(budget: budget, candidates: Array(targetSplit.train),
                                   sessions: target.sessions, using: &rng)
        // The target training view: labels hidden except the drawn budget.
        let revealed = Set(draw.labeledIndices)
        var targetTrain = target.narrowed(to: targetSplit.train)
        for i in targetTrain.sessions.indices where !revealed.contains(targetSplit.train.lowerBound + i) {
            targetTrain.sessions[i].label = .unknown
        }
        let labeledInView = draw.labeledIndices.map { $0 - targetSplit.train.lowerBound }

        view = TrainingView(source: source.narrowed(to: sourceSplit.train),
                            sourceValidation: source.narrowed(to: sourceSplit.validation),
                            target: targetTrain, targetLabeled: labeledInView)
        targetTest = target.narrowed(to: targetSplit.test)
        sourceValidation = source.narrowed(to: sourceSplit.validation)
        sourceTest = source.narrowed(to: sourceSplit.test)
        self.budget = draw
        sizes = [
            "source_train": sourceSplit.train.count, "source_validation": sourceSplit.validation.count,
            "source_test": sourceSplit.test.count, "target_train": targetSplit.train.count,
            "target_test": targetSplit.test.count,
            "target_labeled_anomalies": draw.labeledAnomalies, "target_labeled_normals": draw.labeledNormals,
        ]
    }
}
