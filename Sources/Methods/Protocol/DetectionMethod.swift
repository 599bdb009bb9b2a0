import Foundation
import LogData

/// What a method may see while it trains. Built by `JobPipeline` so that honesty holds by
/// construction: the target's test part is not in it, and target labels outside the drawn budget
/// are replaced by `.unknown`.
///
/// Each `PreparedDataset` here keeps its system's full event table (`eventVectors`), with `sessions`
/// narrowed to the split. Fully supervised, normal-only (DeepLog) and non-neural (PCA) methods all
/// fit this shape: they filter sessions by label themselves.
public struct TrainingView: Sendable {
    /// Labeled source training sessions; nil for target-only methods.
    public var source: PreparedDataset?
    /// Labeled source validation sessions (chronologically after `source`), for model selection
    /// and per-epoch validation metrics; nil or empty when there is no source.
    public var sourceValidation: PreparedDataset?
    /// Target training sessions: labels are `.unknown` except for the drawn budget.
    public var target: PreparedDataset
    /// Indices into `target.sessions` whose labels are revealed (empty for zero-label jobs).
    public var targetLabeled: [Int]

    public init(source: PreparedDataset?, sourceValidation: PreparedDataset?, target: PreparedDataset, targetLabeled: [Int]) {
        self.source = source
        self.sourceValidation = sourceValidation
        self.target = target
        self.targetLabeled = targetLabeled
    }

    /// The labeled part of the target training sessions, as its own dataset view.
    public var labeledTarget: PreparedDataset { target.narrowed(to: targetLabeled) }
}

/// One epoch's report from a trainer: `values` such as `loss_cls`, `loss_adv`, `domain_acc`, `val_f1`.
public struct EpochReport: Sendable, Equatable {
    public var epoch: Int
    public var values: [String: Double]
    public init(epoch: Int, values: [String: Double]) {
        self.epoch = epoch
        self.values = values
    }
}

/// How a trainer talks to whoever runs it (CLI progress, the harness' epoch recorder). The trainer
/// never imports the store.
public struct TrainingObserver: Sendable {
    /// Called once per finished epoch.
    public var epochEnded: @Sendable (EpochReport) -> Void
    /// Checked between epochs; when true the trainer stops and returns the model it has.
    public var shouldStop: @Sendable () -> Bool

    public init(epochEnded: @escaping @Sendable (EpochReport) -> Void = { _ in },
                shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.epochEnded = epochEnded
        self.shouldStop = shouldStop
    }

    public static let silent = TrainingObserver()
}

/// A trained model: scores sessions of any system (probability of anomaly).
public protocol SessionScorer: Sendable {
    /// Anomaly probabilities, `[sessions.count]`, for sessions of `dataset` (their events index
    /// `dataset`'s own event table).
    func scores(_ sessions: [LogSession], in dataset: PreparedDataset) throws -> [Float]
    /// Writes the model so `zerolog detect` can load it; returns the files written.
    func save(to directory: URL, name: String, metadata: [String: String]) throws -> [URL]
}

/// A detector. `fit` is the only entry point: splits, label budgets, evaluation and checkpoints are
/// the pipeline's job, identical for every method.
public protocol DetectionMethod: Sendable {
    /// Trains on `view` with resolved `hyperparameters`; all randomness derives from `seed`.
    func fit(_ view: TrainingView, hyperparameters: Hyperparameters, seed: UInt64,
             observer: TrainingObserver) throws -> any SessionScorer
}

extension PreparedDataset {
    /// The same system (event table, name, fingerprint) with only the sessions at `indices`.
    public func narrowed(to indices: [Int]) -> PreparedDataset {
        var copy = self
        copy.sessions = indices.map { sessions[$0] }
        return copy
    }

    /// The same system with only the sessions in `range`.
    public func narrowed(to range: Range<Int>) -> PreparedDataset {
        var copy = self
        copy.sessions = Array(sessions[range])
        return copy
    }
}
