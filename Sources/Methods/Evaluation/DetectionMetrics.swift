import Foundation

/// Metrics of one scored split, anomaly = positive class.
///
/// Threshold metrics use `score >= threshold` (0.5 unless told: the papers' rule, never tuned on the
/// test set). Ranking metrics (AUC-ROC, AUC-PR) use the scores themselves. Duplicate sessions (the
/// same event sequence appearing several times, common in HDFS) are **kept and counted** like any
/// other session; `distinctSessions` says how many different event sequences the split holds.
public struct DetectionMetrics: Codable, Sendable, Equatable {
    public var threshold: Double
    public var truePositives: Int
    public var falsePositives: Int
    public var trueNegatives: Int
    public var falseNegatives: Int
    /// TP / (TP + FP); 0 when nothing is predicted anomalous (MetaLog's convention).
    public var precision: Double
    /// TP / (TP + FN); NaN when the split holds no anomaly.
    public var recall: Double
    /// 2PR / (P + R); 0 when P + R = 0.
    public var f1: Double
    /// FP / (FP + TN); NaN when the split holds no normal session.
    public var falsePositiveRate: Double
    /// Area under the ROC curve, ties counted half (Mann–Whitney); NaN with one class only.
    public var aucROC: Double
    /// Average precision (step-wise area under the precision–recall curve, tied scores as one step);
    /// NaN without anomalies.
    public var aucPR: Double
    public var sessions: Int
    public var anomalies: Int
    /// Number of distinct event sequences among the sessions (duplicates are kept in every count).
    public var distinctSessions: Int
    /// Down-sampled ROC curve `(fpr, tpr)` from (0,0) to (1,1), for plots.
    public var rocPoints: [ROCPoint]

    /// The flat `name → value` form the results store keeps (`f1`, `precision`, … `test_sessions`).
    public var values: [String: Double] {
        [
            "f1": f1, "precision": precision, "recall": recall, "fpr": falsePositiveRate,
            "auc_roc": aucROC, "auc_pr": aucPR, "threshold": threshold,
            "tp": Double(truePositives), "fp": Double(falsePositives),
            "tn": Double(trueNegatives), "fn": Double(falseNegatives),
            "test_sessions": Double(sessions), "test_anomalies": Double(anomalies),
            "distinct_sessions": Double(distinctSessions),
        ]
    }

    /// `f1=… precision=… recall=… auc_roc=… auc_pr=…` with four decimals.
    public var summaryLine: String {
        func f(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.4f", x) }
        return "f1=\(f(f1)) precision=\(f(precision)) recall=\(f(recall)) auc_roc=\(f(aucROC)) auc_pr=\(f(aucPR))"
    }
}

/// One point of a ROC curve.
public struct ROCPoint: Codable, Sendable, Equatable {
    public var fpr: Double
    public var tpr: Double
    public init(fpr: Double, tpr: Double) {
        self.fpr = fpr
        self.tpr = tpr
    }
}
