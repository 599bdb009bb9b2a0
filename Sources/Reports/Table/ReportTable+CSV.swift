import Foundation

extension ReportTable {
    /// The table in long form, one line per (row, column, metric), for scripts and spreadsheets:
    /// `row,column,metric,mean_pct,std_pct,n,best,published_pct,published_source,failed_seeds,errors,test_sessions,test_anomalies`.
    /// Empty fields mean "no value"; percentages keep four decimals.
    public func csv() -> String {
        var lines = ["row,column,metric,mean_pct,std_pct,n,best,published_pct,published_source,failed_seeds,errors,test_sessions,test_anomalies"]
        for row in layout.rows {
            for column in layout.columns {
                let cell = cell(row: row.key, column: column)
                let sizes = testSetSize(column: column)
                let sessions = sizes.map { TableText.range($0.sessions) } ?? ""
                let anomalies = sizes.map { TableText.range($0.anomalies) } ?? ""
                let failedSeeds = cell.failures.map { String($0.seed) }.joined(separator: " ")
                let errors = cell.failures.map { "seed \($0.seed): \(TableText.oneLine($0.error))" }.joined(separator: "; ")
                for metric in metrics {
                    let stats = cell.stats[metric]
                    let published = cell.published(metric)
                    let best = stats != nil && bestRows(column: column, metric: metric).contains(row.key)
                    let mean: String = stats.map { Self.csvNumber($0.mean * 100) } ?? ""
                    let std: String = stats.map { Self.csvNumber($0.std * 100) } ?? ""
                    let publishedValue: String = published.map { Self.csvNumber($0.value) } ?? ""
                    let publishedSource: String = published?.source ?? ""
                    let fields: [String] = [
                        row.key, column, metric, mean, std, String(cell.doneCount), best ? "1" : "0",
                        publishedValue, publishedSource, failedSeeds, errors, sessions, anomalies,
                    ]
                    lines.append(fields.map(Self.csvField).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvNumber(_ value: Double) -> String { String(format: "%.4f", value) }

    /// RFC 4180 quoting: fields with commas, quotes or newlines are quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
