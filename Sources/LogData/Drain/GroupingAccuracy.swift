// MARK: - Grouping accuracy (loghub's definition)

/// Grouping accuracy as loghub's evaluator computes it: a line is correct iff the set of lines in
/// its parsed group equals the set of lines with its ground-truth event id.
public enum GroupingAccuracy {
    /// `parsed[i]` and `truth[i]` are line i's parsed group and ground-truth event.
    public static func compute<P: Hashable, T: Hashable>(parsed: [P], truth: [T]) -> Double {
        precondition(parsed.count == truth.count, "parsed and truth must have one entry per line")
        guard !parsed.isEmpty else { return 1 }
        var truthSize: [T: Int] = [:]
        for t in truth { truthSize[t, default: 0] += 1 }
        // For each parsed group: its size and whether all its lines share one truth id.
        var groupTruth: [P: T?] = [:]
        var groupSize: [P: Int] = [:]
        for (p, t) in zip(parsed, truth) {
            groupSize[p, default: 0] += 1
            if let existing = groupTruth[p] {
                if existing != t { groupTruth[p] = .some(nil) }
            } else {
                groupTruth[p] = .some(t)
            }
        }
        var correct = 0
        for (p, t) in groupTruth {
            guard let t, let size = groupSize[p], truthSize[t] == size else { continue }
            correct += size
        }
        return Double(correct) / Double(parsed.count)
    }
}
