import Foundation

/// The one evaluator every method's scores go through, so numbers are comparable across methods.
public struct Evaluator: Sendable {
    /// Decision threshold on the anomaly probability (fixed; never chosen on the test set).
    public var threshold: Double
    /// Maximum number of ROC points kept for plots (the curve's ends are always kept).
    public var maxROCPoints: Int

    public init(threshold: Double = 0.5, maxROCPoints: Int = 101) {
        precondition(maxROCPoints >= 2, "a ROC curve needs at least its two ends")
        self.threshold = threshold
        self.maxROCPoints = maxROCPoints
    }

    /// Evaluates anomaly scores against labels.
    /// - Parameters:
    ///   - scores: anomaly probability per session, `[sessions]`.
    ///   - labels: `true` = anomalous, `[sessions]`.
    ///   - sequenceKeys: optional per-session identity of the event sequence (for `distinctSessions`);
    ///     without it every session counts as distinct.
    public func evaluate(scores: [Float], labels: [Bool], sequenceKeys: [[Int32]]? = nil) -> DetectionMetrics {
        precondition(scores.count == labels.count, "scores and labels must have the same length")
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (s, y) in zip(scores, labels) {
            let predicted = Double(s) >= threshold
            switch (predicted, y) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        let recall = tp + fn == 0 ? Double.nan : Double(tp) / Double(tp + fn)
        let f1: Double
        if recall.isNaN { f1 = .nan } else { f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        let fpr = fp + tn == 0 ? Double.nan : Double(fp) / Double(fp + tn)
        let curve = Ranking.curve(scores: scores, labels: labels)
        let distinct = sequenceKeys.map { Set($0).count } ?? scores.count
        return DetectionMetrics(
            threshold: threshold, truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn,
            precision: precision, recall: recall, f1: f1, falsePositiveRate: fpr,
            aucROC: curve.aucROC, aucPR: curve.averagePrecision,
            sessions: scores.count, anomalies: tp + fn, distinctSessions: distinct,
            rocPoints: Ranking.downsample(curve.roc, to: maxROCPoints))
    }
}
