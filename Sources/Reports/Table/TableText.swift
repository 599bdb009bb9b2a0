import Foundation

/// A report table reduced to text pieces shared by every output format: cell numbers (percent),
/// best marks, published numbers, footnote markers and footnotes. The Markdown, LaTeX and CSV
/// renderers only decide how to lay these pieces out and escape them.
struct TableText {
    struct Cell {
        /// `92.93 ± 1.20`, `92.93` (one seed), `—` (no result) or `!` (only failures).
        var text: String
        var bold: Bool
        /// The published number beside the cell, e.g. `92.93`, with its source footnote.
        var published: (value: String, footnote: Int)?
        var summary: MetricSummary?
    }

    struct Group {
        var metricCells: [Cell]
        /// Seeds done.
        var n: Int
        /// Footnote listing the failures of this cell, if any failed.
        var failureFootnote: Int?
    }

    struct Row {
        var key: String
        var groups: [Group]
    }

    var title: String
    var reproduces: String
    var notes: [String]
    var columns: [String]
    var metrics: [String]
    var rows: [Row]
    var footnotes: [(number: Int, text: String)]
    /// `hdfs→bgl: 5,000 sessions, 120 anomalies; …` or nil when no job stored test-set sizes.
    var testSets: String?

    static let missing = "—"
    static let failed = "!"

    init(_ table: ReportTable) {
        let layout = table.layout
        title = layout.title
        reproduces = layout.reproduces
        notes = layout.notes
        columns = layout.columns
        metrics = table.metrics

        // Sources first (numbered in order of appearance), then failures.
        var footnotes: [(Int, String)] = []
        var sourceNumbers: [String: Int] = [:]
        for row in layout.rows {
            for column in layout.columns {
                for metric in table.metrics {
                    guard let source = table.cell(row: row.key, column: column).published(metric)?.source,
                          sourceNumbers[source] == nil else { continue }
                    sourceNumbers[source] = footnotes.count + 1
                    footnotes.append((footnotes.count + 1, "Published: \(source)."))
                }
            }
        }
        var best: [String: [String: Set<String>]] = [:]
        for column in layout.columns {
            for metric in table.metrics {
                best[column, default: [:]][metric] = table.bestRows(column: column, metric: metric)
            }
        }

        var rows: [Row] = []
        for row in layout.rows {
            var groups: [Group] = []
            for column in layout.columns {
                let summary = table.cell(row: row.key, column: column)
                var failureFootnote: Int?
                if !summary.failures.isEmpty {
                    // Cells that failed the same way (same seeds, same errors) share one footnote.
                    let reasons = summary.failures
                        .map { "seed \($0.seed): \(Self.oneLine($0.error))" }.joined(separator: "; ")
                    let text = "Failed: \(reasons)."
                    if let existing = footnotes.first(where: { $0.1 == text }) {
                        failureFootnote = existing.0
                    } else {
                        failureFootnote = footnotes.count + 1
                        footnotes.append((footnotes.count + 1, text))
                    }
                }
                let cells = table.metrics.map { metric -> Cell in
                    let stats = summary.stats[metric]
                    let text: String
                    if let stats { text = Self.format(stats) }
                    else if summary.doneCount == 0 && !summary.failures.isEmpty { text = Self.failed }
                    else { text = Self.missing }
                    let published = summary.published(metric).map {
                        (Self.percent($0.value), sourceNumbers[$0.source] ?? 0)
                    }
                    let bold = stats != nil && (best[column]?[metric]?.contains(row.key) ?? false)
                    return Cell(text: text, bold: bold, published: published, summary: stats)
                }
                groups.append(Group(metricCells: cells, n: summary.doneCount, failureFootnote: failureFootnote))
            }
            rows.append(Row(key: row.key, groups: groups))
        }
        self.rows = rows
        self.footnotes = footnotes
        let sizes = layout.columns.compactMap { column in
            table.testSetSize(column: column).map { "\(column): \(Self.range($0.sessions)) sessions, \(Self.range($0.anomalies)) anomalies" }
        }
        self.testSets = sizes.isEmpty ? nil : "Test sets: " + sizes.joined(separator: "; ") + "."
    }

    /// `1200` or `1180–1200` (sizes that differ between jobs of one column).
    static func range(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }

    // MARK: - Formatting

    /// Metrics are stored as fractions and shown in percent with two decimals, like the papers.
    static func format(_ stats: MetricSummary) -> String {
        let mean = percent(stats.mean * 100)
        return stats.n > 1 ? "\(mean) ± \(percent(stats.std * 100))" : mean
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f", value) }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Short column names used in headers.
    static func metricName(_ metric: String) -> String {
        switch metric {
        case "precision": return "P"
        case "recall": return "R"
        case "f1": return "F1"
        case "auc_roc": return "AUC-ROC"
        case "auc_pr": return "AUC-PR"
        case "fpr": return "FPR"
        default: return metric
        }
    }

    /// The legend printed under every table.
    var legend: String {
        "Test split, percent, mean ± std over seeds (n = seeds done). Best mean per column in bold. "
            + "[x] = number published in the paper named in the footnote. \(Self.missing) = no result yet; "
            + "\(Self.failed) = failed (reason in the footnote)."
    }
}
