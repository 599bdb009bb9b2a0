import Foundation

extension ReportTable {
    /// The table as GitHub-flavoured Markdown: a header, one column per (pair, metric) plus `n`,
    /// best means in bold, published numbers in brackets, footnotes for sources and failures.
    public func markdown() -> String {
        let text = TableText(self)
        var lines: [String] = []
        lines.append("# \(Self.escapeMarkdown(text.title))")
        lines.append("")
        lines.append("Reproduces: \(Self.escapeMarkdown(text.reproduces)). \(text.legend)")
        lines.append("")
        var header = ["Method"]
        for column in text.columns {
            header += text.metrics.map { "\(column) \(TableText.metricName($0))" } + ["\(column) n"]
        }
        lines.append("| " + header.map(Self.escapeMarkdown).joined(separator: " | ") + " |")
        lines.append("|---" + String(repeating: "|---:", count: header.count - 1) + "|")
        for row in text.rows {
            var fields = [Self.escapeMarkdown(row.key)]
            for group in row.groups {
                for cell in group.metricCells {
                    var field = cell.bold ? "**\(cell.text)**" : cell.text
                    if let published = cell.published {
                        field += " [\(published.value)]\(Self.superscript(published.footnote))"
                    }
                    fields.append(field)
                }
                fields.append("\(group.n)" + (group.failureFootnote.map { " \(TableText.failed)\(Self.superscript($0))" } ?? ""))
            }
            lines.append("| " + fields.joined(separator: " | ") + " |")
        }
        if !text.footnotes.isEmpty {
            lines.append("")
            for note in text.footnotes {
                lines.append("\(Self.superscript(note.number)) \(Self.escapeMarkdown(note.text))  ")
            }
        }
        if let testSets = text.testSets {
            lines.append("")
            lines.append(Self.escapeMarkdown(testSets))
        }
        if !text.notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines.append("")
            lines += text.notes.map { "- \(Self.escapeMarkdown($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escapeMarkdown(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// `12` → `¹²`.
    static func superscript(_ number: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(number).map { digits[Int(String($0))!] })
    }
}
