import LogData
import NN

/// The epoch loop every neural trainer shares: run an epoch, measure source validation, report
/// through the observer, keep the selected parameters, stop between epochs when asked.
struct EpochLoop {
    var network: SessionNetwork
    var validation: PreparedDataset?
    var threshold: Double
    var selectOnValidation: Bool
    var observer: TrainingObserver

    /// Runs `body` once per epoch (1-based); it returns the parameters after the epoch and its
    /// training values (`loss_cls`, …). Returns the last parameters, or the ones with the best
    /// validation F1 (ties: the earlier epoch) when `selectOnValidation`.
    func run(epochs: Int, initial: ParameterSet,
             _ body: (Int) throws -> (ParameterSet, [String: Double])) rethrows -> ParameterSet {
        var current = initial
        var best: (f1: Double, parameters: ParameterSet)?
        for epoch in 1...max(epochs, 1) {
            if observer.shouldStop() { break }
            let (parameters, trainValues) = try body(epoch)
            current = parameters
            var values = trainValues
            if let v = validation, !v.sessions.isEmpty {
                let m = Evaluator(threshold: threshold, maxROCPoints: 2).evaluate(
                    scores: network.predict(parameters, v, sessions: v.sessions).scores,
                    labels: v.sessions.map { $0.label == .anomalous })
                values["val_f1"] = m.f1
                values["val_precision"] = m.precision
                values["val_recall"] = m.recall
                values["val_auc_roc"] = m.aucROC
                values["val_auc_pr"] = m.aucPR
                let f1 = m.f1.isNaN ? -1 : m.f1
                if selectOnValidation, best == nil || f1 > best!.f1 { best = (f1, parameters) }
            }
            observer.epochEnded(EpochReport(epoch: epoch, values: values))
        }
        return selectOnValidation ? (best?.parameters ?? current) : current
    }
}

/// Endless seeded batches over `0..<count`: a fresh shuffle each pass.
struct BatchCycle {
    private var order: [Int] = []
    private var position = 0
    private let count: Int
    private let size: Int
    private var rng: SeededGenerator

    init(count: Int, size: Int, rng: SeededGenerator) {
        self.count = count
        self.size = max(1, size)
        self.rng = rng
    }

    /// The next batch (empty when `count` is 0; shorter than `size` only when `count < size`).
    mutating func next() -> [Int] {
        guard count > 0 else { return [] }
        var batch: [Int] = []
        while batch.count < min(size, count) {
            if position == order.count {
                order = SeededSampling.shuffled(Array(0..<count), using: &rng)
                position = 0
            }
            batch.append(order[position])
            position += 1
        }
        return batch
    }
}
