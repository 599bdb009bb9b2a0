import Foundation

extension ReportTable {
    /// Every plot the layout asks for, as (file stem, SVG text).
    public func plots() -> [(stem: String, svg: String)] {
        layout.plots.flatMap { request -> [(String, String)] in
            switch request {
            case .sweep(let parameter, let metric):
                return [(request.fileStem(experiment: layout.experiment), sweepPlot(parameter: parameter, metric: metric).svg())]
            case .roc(let column):
                let columns = column.map { [$0] } ?? layout.columns
                return columns.map { column in
                    (PlotRequest.roc(column: column).fileStem(experiment: layout.experiment), rocPlot(column: column).svg())
                }
            }
        }
    }

    // MARK: - Sweeps

    /// `metric` (percent) against the swept `parameter`: one line per (method row, column) over the
    /// rows that set the parameter, error bars = std over seeds. Label-budget fractions are shown
    /// in percent (MetaLog Fig. 9's "label ratio").
    public func sweepPlot(parameter: String, metric: String) -> LinePlot {
        let isLabelRatio = parameter.hasPrefix("targetLabels.")
        let swept = layout.rows.filter { $0.sweepValues[parameter] != nil }
        var groups: [String] = []
        for row in swept where !groups.contains(row.group) { groups.append(row.group) }
        var series: [LinePlot.Series] = []
        let namesNeedGroup = groups.count > 1 || swept.count < layout.rows.count
        for group in groups {
            for column in layout.columns {
                let points = swept.filter { $0.group == group }.compactMap { row -> LinePlot.Point? in
                    guard let stats = cell(row: row.key, column: column).stats[metric],
                          let x = row.sweepValues[parameter] else { return nil }
                    return LinePlot.Point(x: isLabelRatio ? x * 100 : x, y: stats.mean * 100,
                                          error: stats.n > 1 ? stats.std * 100 : nil)
                }
                guard !points.isEmpty else { continue }
                series.append(.init(name: namesNeedGroup ? "\(group), \(column)" : column, points: points))
            }
        }
        // Rows that do not sweep (e.g. ZeroLog at zero labels beside MetaLog's label ratios) are
        // drawn as flat dashed reference levels over the swept range.
        let xs = series.flatMap(\.points).map(\.x)
        if let low = xs.min(), let high = xs.max() {
            for row in layout.rows where row.sweepValues[parameter] == nil {
                for column in layout.columns {
                    guard let stats = cell(row: row.key, column: column).stats[metric] else { continue }
                    let y = stats.mean * 100
                    series.append(.init(name: "\(row.key), \(column) (reference)",
                                        points: [.init(x: low, y: y), .init(x: high, y: y)], isReference: true))
                }
            }
        }
        let metricName = TableText.metricName(metric)
        let xLabel = isLabelRatio
            ? (parameter == "targetLabels.anomalyFraction" ? "labeled target anomalies (%)" : "labeled target normals (%)")
            : parameter
        return LinePlot(
            title: "\(layout.title): \(metricName) vs \(isLabelRatio ? "label ratio" : parameter)",
            xLabel: xLabel, yLabel: "\(metricName) (%, mean ± std over seeds)",
            series: series, yRange: 0...100)
    }

    // MARK: - ROC

    /// ROC curves for `column`, one per row: the seeds' curves averaged vertically (mean TPR at
    /// 101 evenly spaced FPRs), so a row's curve does not depend on which seed is drawn.
    public func rocPlot(column: String) -> LinePlot {
        let series = layout.rows.compactMap { row -> LinePlot.Series? in
            let curves = cell(row: row.key, column: column).rocCurves
            guard !curves.isEmpty else { return nil }
            let grid = (0...100).map { Double($0) / 100 }
            let mean = grid.map { fpr in curves.map { Self.tpr(at: fpr, on: $0) }.reduce(0, +) / Double(curves.count) }
            let auc = cell(row: row.key, column: column).stats["auc_roc"].map { String(format: " (AUC %.3f)", $0.mean) } ?? ""
            return .init(name: row.key + auc, points: zip(grid, mean).map { LinePlot.Point(x: $0, y: $1) })
        }
        return LinePlot(title: "\(layout.title): ROC, \(column)", xLabel: "false-positive rate",
                        yLabel: "true-positive rate", series: series, xRange: 0...1, yRange: 0...1,
                        markers: false, diagonal: true)
    }

    /// TPR of a curve at `fpr` by linear interpolation (the curve is closed with (0,0) and (1,1);
    /// on vertical steps the highest TPR at that FPR is taken).
    static func tpr(at fpr: Double, on curve: [ROCPoint]) -> Double {
        let points = ([ROCPoint(fpr: 0, tpr: 0)] + curve + [ROCPoint(fpr: 1, tpr: 1)])
            .sorted { $0.fpr < $1.fpr || ($0.fpr == $1.fpr && $0.tpr < $1.tpr) }
        var result = 0.0
        for (a, b) in zip(points, points.dropFirst()) where a.fpr <= fpr && fpr <= b.fpr {
            let value = b.fpr - a.fpr < 1e-15 ? max(a.tpr, b.tpr)
                : a.tpr + (b.tpr - a.tpr) * (fpr - a.fpr) / (b.fpr - a.fpr)
            result = max(result, value)
        }
        return result
    }
}
