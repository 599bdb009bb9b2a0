import Foundation
import GRDB

/// A row of `epoch_metrics`: one named value at the end of one epoch of a run.
/// NaN is stored as `value NULL, is_nan 1` (SQLite turns a bound NaN into NULL; the flag keeps it).
public struct EpochMetricRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, NaNFlaggedMetric {
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
        (self.value, self.isNaN) = Self.stored(metric)
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", epoch, name, value, isNaN = "is_nan"
    }
}

/// A row of `final_metrics`: one named value of a finished run on one split (`test`,
/// `validation`, `source-test`). NaN is stored as `value NULL, is_nan 1`.
public struct FinalMetricRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, NaNFlaggedMetric {
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
        (self.value, self.isNaN) = Self.stored(metric)
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", split, name, value, isNaN = "is_nan"
    }
}

/// A metric row that stores NaN as `value NULL, is_nan 1` (SQLite turns a bound NaN into NULL;
/// the flag keeps it). One mechanism for `epoch_metrics` and `final_metrics`.
public protocol NaNFlaggedMetric {
    var value: Double? { get }
    var isNaN: Bool { get }
}

extension NaNFlaggedMetric {
    /// The value with NaN restored.
    public var metric: Double { isNaN ? .nan : (value ?? .nan) }

    /// The `(value, is_nan)` columns for `metric`.
    static func stored(_ metric: Double) -> (value: Double?, isNaN: Bool) {
        metric.isNaN ? (nil, true) : (metric, false)
    }
}
