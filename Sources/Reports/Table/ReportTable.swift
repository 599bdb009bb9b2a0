/// A report layout filled with observations: per (row, column) the mean ± std over the done seeds
/// of every metric, the failures, and the published numbers. Renderers read only this.
public struct ReportTable: Sendable {
    public var layout: ReportLayout
    /// Summaries by row key then column key (every layout cell present, possibly empty).
    public var cells: [String: [String: CellSummary]]
    /// The layout's metrics plus AUC-ROC / AUC-PR when any finished job stored them.
    public var metrics: [String]
    /// Observations whose row or column is not in the layout (stale jobs); counted, not shown.
    public var unplacedObservations: Int

    public init(layout: ReportLayout, observations: [ReportObservation]) {
        self.layout = layout
        var grouped: [String: [String: [ReportObservation]]] = [:]
        var unplaced = 0
        let rowKeys = Set(layout.rows.map(\.key)), columnKeys = Set(layout.columns)
        for observation in observations {
            guard rowKeys.contains(observation.row), columnKeys.contains(observation.column) else {
                unplaced += 1
                continue
            }
            grouped[observation.row, default: [:]][observation.column, default: []].append(observation)
        }
        let stored = Set(observations.filter { $0.status == .done }.flatMap(\.metrics.keys))
        let metrics = layout.metrics + Self.optionalMetrics.filter { stored.contains($0) && !layout.metrics.contains($0) }
        self.metrics = metrics
        var cells: [String: [String: CellSummary]] = [:]
        for row in layout.rows {
            for column in layout.columns {
                let entries = grouped[row.key]?[column] ?? []
                let published = layout.published.filter { $0.row == row.key && $0.column == column }
                cells[row.key, default: [:]][column] = CellSummary(
                    observations: entries, metrics: metrics, published: published)
            }
        }
        self.cells = cells
        self.unplacedObservations = unplaced
    }

    /// Test-set sizes of `column` over its finished jobs (`test_sessions`, `test_anomalies`), as
    /// ranges: one value when every job tested on the same sessions, as it should.
    public func testSetSize(column: String) -> (sessions: ClosedRange<Int>, anomalies: ClosedRange<Int>)? {
        let sizes = layout.rows.flatMap { cell(row: $0.key, column: column).testSetSizes }
        guard !sizes.isEmpty else { return nil }
        let sessions = sizes.map(\.sessions), anomalies = sizes.map(\.anomalies)
        return (sessions.min()!...sessions.max()!, anomalies.min()!...anomalies.max()!)
    }

    public func cell(row: String, column: String) -> CellSummary {
        cells[row]?[column] ?? CellSummary(observations: [], metrics: metrics, published: [])
    }

    /// Shown only when stored.
    public static let optionalMetrics = ["auc_roc", "auc_pr"]

    /// Metrics where a lower value is better (the best mark goes to the minimum).
    public static let lowerIsBetter: Set<String> = ["fpr"]

    /// Row keys holding the best mean of `metric` in `column` (ties all marked). None when there
    /// is nothing to compare: fewer than two rows with data, or every row at the same value.
    public func bestRows(column: String, metric: String) -> Set<String> {
        let means = layout.rows.compactMap { row -> (String, Double)? in
            cell(row: row.key, column: column).stats[metric].map { (row.key, $0.mean) }
        }
        guard let first = means.first?.1, means.contains(where: { abs($0.1 - first) >= 1e-12 }) else { return [] }
        let lower = Self.lowerIsBetter.contains(metric)
        let best = lower ? means.map(\.1).min()! : means.map(\.1).max()!
        return Set(means.filter { abs($0.1 - best) < 1e-12 }.map(\.0))
    }
}

/// One table cell: statistics over the seeds that finished, and what failed.
public struct CellSummary: Sendable {
    /// Mean ± std by metric over the done seeds that stored it (metrics as fractions 0–1).
    public var stats: [String: MetricSummary]
    /// Number of done seeds.
    public var doneCount: Int
    /// Failed seeds with their error, ordered by seed.
    public var failures: [(seed: UInt64, error: String)]
    /// Seeds not finished yet (pending or running).
    public var unfinishedCount: Int
    public var published: [PublishedNumber]
    /// ROC curves of the done seeds that stored one, ordered by seed.
    public var rocCurves: [[ROCPoint]]
    /// (test sessions, test anomalies) of each done seed that stored them.
    public var testSetSizes: [(sessions: Int, anomalies: Int)]

    public init(observations: [ReportObservation], metrics: [String], published: [PublishedNumber]) {
        let done = observations.filter { $0.status == .done }
        var stats: [String: MetricSummary] = [:]
        for metric in Set(metrics + ["f1"] + ReportTable.optionalMetrics) {
            let values = done.compactMap { $0.metrics[metric] }.filter { !$0.isNaN }
            if let summary = MetricSummary(values) { stats[metric] = summary }
        }
        self.stats = stats
        self.doneCount = done.count
        self.failures = observations.filter { $0.status == .failed }
            .sorted { $0.seed < $1.seed }
            .map { ($0.seed, $0.error ?? "no reason recorded") }
        self.unfinishedCount = observations.filter { $0.status == .pending || $0.status == .running }.count
        self.published = published
        self.rocCurves = done.sorted { $0.seed < $1.seed }.map(\.rocPoints).filter { !$0.isEmpty }
        self.testSetSizes = done.compactMap { observation in
            guard let sessions = observation.metrics["test_sessions"], let anomalies = observation.metrics["test_anomalies"],
                  sessions.isFinite, anomalies.isFinite else { return nil }
            return (Int(sessions), Int(anomalies))
        }
    }

    public func published(_ metric: String) -> PublishedNumber? { published.first { $0.metric == metric } }
}

/// Mean, sample standard deviation (n − 1; 0 for one value) and count of one metric.
public struct MetricSummary: Sendable, Equatable {
    public var mean: Double
    public var std: Double
    public var n: Int

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.count > 1 ? values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1) : 0
        self.mean = mean
        self.std = variance.squareRoot()
        self.n = values.count
    }
}

/// How the Markdown and LaTeX tables lay out pairs (the CSV is always one line per value).
public enum TableShape: String, Sendable, CaseIterable {
    /// One line per method; a column group (metrics + n) per source→target pair, like the papers.
    case wide
    /// One line per (pair, method); one column per metric.
    case long
}
