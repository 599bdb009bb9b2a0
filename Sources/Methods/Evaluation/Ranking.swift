import Foundation

/// Ranking metrics: the ROC curve, AUC-ROC and average precision, with ties handled exactly.
///
/// Sessions are sorted by descending score; all sessions sharing a score form one step of the
/// curves (so the order among tied sessions never matters, and the result is deterministic).
public enum Ranking {
    public struct Curve: Sendable {
        /// `(fpr, tpr)` after each distinct score, starting at (0,0).
        public var roc: [ROCPoint]
        public var aucROC: Double
        public var averagePrecision: Double
    }

    /// Builds the curve. AUC-ROC is the trapezoid area, which equals the Mann–Whitney statistic with
    /// ties counted ½. Average precision is Σ (R_k − R_{k−1}) · P_k over distinct-score steps.
    public static func curve(scores: [Float], labels: [Bool]) -> Curve {
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let negatives = labels.count - positives
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var roc = [ROCPoint(fpr: 0, tpr: 0)]
        var tp = 0, fp = 0
        var auc = 0.0, ap = 0.0
        var previousRecall = 0.0
        var i = 0
        while i < order.count {
            let score = scores[order[i]]
            var j = i
            while j < order.count && scores[order[j]] == score {
                if labels[order[j]] { tp += 1 } else { fp += 1 }
                j += 1
            }
            let tpr = positives == 0 ? Double.nan : Double(tp) / Double(positives)
            let fpr = negatives == 0 ? Double.nan : Double(fp) / Double(negatives)
            if let last = roc.last, positives > 0, negatives > 0 {
                auc += (fpr - last.fpr) * (tpr + last.tpr) / 2
            }
            if positives > 0 {
                let precision = Double(tp) / Double(tp + fp)
                ap += (tpr - previousRecall) * precision
                previousRecall = tpr
            }
            roc.append(ROCPoint(fpr: fpr, tpr: tpr))
            i = j
        }
        return Curve(roc: roc,
                     aucROC: positives == 0 || negatives == 0 ? .nan : auc,
                     averagePrecision: positives == 0 ? .nan : ap)
    }

    /// Keeps at most `count` points, evenly spaced along the curve, always including both ends.
    public static func downsample(_ points: [ROCPoint], to count: Int) -> [ROCPoint] {
        guard points.count > count else { return points }
        return (0..<count).map { k in
            points[Int((Double(k) * Double(points.count - 1) / Double(count - 1)).rounded())]
        }
    }
}
