import Foundation

/// The shape of a report, derived from an experiment spec: its rows, columns, metrics, published
/// numbers and plots. Reports never read specs or the store themselves; they render this layout
/// filled with `ReportObservation`s, so rendering is a pure function (and golden-testable).
public struct ReportLayout: Sendable, Equatable {
    /// Experiment name (file names of rendered outputs).
    public var experiment: String
    public var title: String
    /// The paper table or figure reproduced.
    public var reproduces: String
    public var notes: [String]
    public var rows: [ReportRow]
    /// Column keys in order, e.g. `hdfs→bgl`.
    public var columns: [String]
    /// Metric names in order (`precision`, `recall`, `f1`, `auc_roc`, `auc_pr`, `fpr`).
    public var metrics: [String]
    public var published: [PublishedNumber]
    public var plots: [PlotRequest]

    public init(experiment: String, title: String, reproduces: String, notes: [String] = [],
                rows: [ReportRow], columns: [String], metrics: [String],
                published: [PublishedNumber] = [], plots: [PlotRequest] = []) {
        self.experiment = experiment
        self.title = title
        self.reproduces = reproduces
        self.notes = notes
        self.rows = rows
        self.columns = columns
        self.metrics = metrics
        self.published = published
        self.plots = plots
    }
}

/// One report row: its key (as stored with each job), the method row it belongs to, and the sweep
/// values that distinguish it from its siblings (numbers only; plots use them as x values).
public struct ReportRow: Sendable, Hashable {
    public var key: String
    /// The spec's method-row label (several rows share it when the row sweeps).
    public var group: String
    public var sweepValues: [String: Double]

    public init(key: String, group: String, sweepValues: [String: Double] = [:]) {
        self.key = key
        self.group = group
        self.sweepValues = sweepValues
    }
}

/// A number published in a paper for one cell, in percent (0–100), with where it comes from.
public struct PublishedNumber: Sendable, Hashable, Codable {
    public var row: String
    public var column: String
    public var metric: String
    public var value: Double
    /// E.g. `MetaLog ICSE'24 Table 1`.
    public var source: String

    public init(row: String, column: String, metric: String, value: Double, source: String) {
        self.row = row
        self.column = column
        self.metric = metric
        self.value = value
        self.source = source
    }
}

/// A plot the spec asks for.
public enum PlotRequest: Sendable, Hashable {
    /// `metric` against a swept value (`beta`, `targetLabels.anomalyFraction`), one line per
    /// column and method row, error bars = std over seeds.
    case sweep(parameter: String, metric: String)
    /// ROC curves, one per row, for one column (nil: one plot per column).
    case roc(column: String?)

    /// The output file name stem, e.g. `beta-sweep-f1-vs-beta`.
    public func fileStem(experiment: String) -> String {
        switch self {
        case .sweep(let parameter, let metric):
            let short = parameter.split(separator: ".").last.map(String.init) ?? parameter
            return "\(experiment)-\(metric)-vs-\(short)"
        case .roc(let column):
            return "\(experiment)-roc" + (column.map { "-" + ReportLayout.slug($0) } ?? "")
        }
    }
}

extension ReportLayout {
    /// `hdfs→bgl` → `hdfs-to-bgl`: a file-name-safe form of a key.
    public static func slug(_ text: String) -> String {
        let replaced = text.replacingOccurrences(of: "→", with: "-to-")
        return String(replaced.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
    }
}
