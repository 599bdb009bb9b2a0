import LogData

/// Which target training sessions a method may see labels of, drawn with the job's seed.
public struct LabelBudgetDraw: Codable, Sendable, Equatable {
    /// Indices into the target's sessions whose labels are revealed (chronological order).
    public var labeledIndices: [Int]
    /// How many of them are anomalous / normal.
    public var labeledAnomalies: Int
    public var labeledNormals: Int

    /// Draws `budget.anomalyFraction` of the anomalies and `budget.normalFraction` of the normals among
    /// `candidates` (the target's training part). Counts are `fraction × count` rounded to nearest,
    /// but at least one when the fraction is positive and the class is present (so "1% of anomalies"
    /// of 40 anomalies is one labeled anomaly, not zero). Sessions with an unknown label are never drawn.
    public init<G: RandomNumberGenerator>(budget: LabelBudget, candidates: [Int], sessions: [LogSession],
                                          using rng: inout G) {
        let anomalies = candidates.filter { sessions[$0].label == .anomalous }
        let normals = candidates.filter { sessions[$0].label == .normal }
        func quota(_ fraction: Double, _ count: Int) -> Int {
            guard fraction > 0, count > 0 else { return 0 }
            return min(count, max(1, Int((fraction * Double(count)).rounded())))
        }
        // Draw anomalies first, then normals, from one stream: fixed order ⇒ reproducible.
        let a = SeededSampling.choose(quota(budget.anomalyFraction, anomalies.count), from: anomalies, using: &rng)
        let n = SeededSampling.choose(quota(budget.normalFraction, normals.count), from: normals, using: &rng)
        labeledIndices = (a + n).sorted()
        labeledAnomalies = a.count
        labeledNormals = n.count
    }
}
