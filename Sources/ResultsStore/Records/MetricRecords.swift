import Foundation
import GRDB

/// A row of `epoch_metrics`: one named value at the end of one epoch of a run.
/// NaN is stored as `value NULL, is_nan 1` (SQLite turns a bound NaN into NULL; the flag keeps it).
public struct EpochMetricRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "epoch_metrics"
    public var runID: Int64
    public var epoch: Int
    public var name: String
    public var value: Double?
    public var isNaN: Bool

    public init(runID: Int64, epoch: Int, name: String, metric: Double) {
        self.runID = runID
        self.epoch = epoch
        self.name = name
        self.value = metric.isNaN ? nil : metric
        self.isNaN = metric.isNaN
    }

    /// The value with NaN restored.
    public var metric: Double { isNaN ? .nan : (value ?? .nan) }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", epoch, name, value, isNaN = "is_nan"
    }
}

/// A row of `final_metrics`: one named value of a finished run on one split (`test`,
/// `validation`, `source-test`). NaN is stored as `value NULL, is_nan 1`.
public struct FinalMetricRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "final_metrics"
    public var runID: Int64
    public var split: String
    public var name: String
    public var value: Double?
    public var isNaN: Bool

    public init(runID: Int64, split: String, name: String, metric: Double) {
        self.runID = runID
        self.split = split
        self.name = name
        self.value = metric.isNaN ? nil : metric
        self.isNaN = metric.isNaN
    }

    /// The value with NaN restored.
    public var metric: Double { isNaN ? .nan : (value ?? .nan) }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", split, name, value, isNaN = "is_nan"
    }
}
