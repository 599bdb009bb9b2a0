import LogData

/// Fractions of a system's sessions, in chronological order: train first, then validation, and the
/// test part is always the *last* `test` fraction (what is left between validation and test is
/// unused, as in MetaLog's `cut_by_XYZ` dev part).
public struct SplitFractions: Codable, Sendable, Equatable {
    public var train: Double
    public var validation: Double
    public var test: Double

    public init(train: Double, validation: Double, test: Double) throws {
        for (name, value) in [("train", train), ("validation", validation), ("test", test)]
        where !(0...1).contains(value) || value.isNaN {
            throw MethodError.invalidHyperparameter(name: "\(name) fraction", reason: "must be in [0, 1], got \(value)")
        }
        guard train + validation + test <= 1 + 1e-9 else {
            throw MethodError.invalidHyperparameter(
                name: "split fractions",
                reason: "train \(train) + validation \(validation) + test \(test) exceed 1")
        }
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// Index ranges into `PreparedDataset.sessions` (chronological order) for one system.
///
/// Splits are made on sessions as the dataset defines them, before any windowing a method adds, and
/// need no randomness: the training part is strictly earlier than the test part.
public struct ChronologicalSplit: Codable, Sendable, Equatable {
    public var train: Range<Int>
    public var validation: Range<Int>
    public var test: Range<Int>

    public init(sessionCount n: Int, fractions f: SplitFractions) {
        let trainEnd = Int((Double(n) * f.train).rounded(.down))
        let validationEnd = min(n, trainEnd + Int((Double(n) * f.validation).rounded(.down)))
        let testStart = max(validationEnd, n - Int((Double(n) * f.test).rounded(.down)))
        train = 0..<trainEnd
        validation = trainEnd..<validationEnd
        test = testStart..<n
    }
}
