/// One job's result as the report sees it: a (row, column, seed) cell entry with the test-split
/// metrics (fractions 0–1) when done, the error when failed, and ROC points when stored.
public struct ReportObservation: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case pending, running, done, failed
    }

    public var row: String
    public var column: String
    public var seed: UInt64
    public var jobID: String
    public var status: Status
    /// Test-split metrics by name (`precision`, `recall`, `f1`, `auc_roc`, `auc_pr`), 0–1.
    public var metrics: [String: Double]
    public var error: String?
    /// ROC curve points, ordered by increasing false-positive rate.
    public var rocPoints: [ROCPoint]

    public init(row: String, column: String, seed: UInt64, jobID: String = "", status: Status,
                metrics: [String: Double] = [:], error: String? = nil, rocPoints: [ROCPoint] = []) {
        self.row = row
        self.column = column
        self.seed = seed
        self.jobID = jobID
        self.status = status
        self.metrics = metrics
        self.error = error
        self.rocPoints = rocPoints
    }
}

/// A point of a ROC curve: false-positive rate and true-positive rate, both 0–1.
public struct ROCPoint: Sendable, Hashable, Codable {
    public var fpr: Double
    public var tpr: Double
    public init(fpr: Double, tpr: Double) {
        self.fpr = fpr
        self.tpr = tpr
    }
}
