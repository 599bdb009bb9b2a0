import Foundation

extension ReportTable {
    /// The table as GitHub-flavoured Markdown, best means in bold, published numbers in brackets,
    /// footnotes for sources and failures. `.wide`: one line per method, a column group (metrics + `n`)
    /// per pair. `.long`: one line per (pair, method), one column per metric — readable when a spec
    /// has several pairs.
    public func markdown(shape: TableShape = .wide) -> String {
        let text = TableText(self)
        var lines: [String] = []
        lines.append("# \(Self.escapeMarkdown(text.title))")
        lines.append("")
        lines.append("Reproduces: \(Self.escapeMarkdown(text.reproduces)). \(text.legend)")
        lines.append("")
        let metricHeads = text.metrics.map(TableText.metricName)
        var header: [String]
        var body: [[String]] = []
        switch shape {
        case .wide:
            header = ["Method"]
            for column in text.columns { header += metricHeads.map { "\(column) \($0)" } + ["\(column) n"] }
            for row in text.rows {
                body.append([Self.escapeMarkdown(row.key)] + row.groups.flatMap(Self.markdownFields))
            }
        case .long:
            header = ["Pair", "Method"] + metricHeads + ["n"]
            for (index, column) in text.columns.enumerated() {
                for row in text.rows {
                    body.append([Self.escapeMarkdown(column), Self.escapeMarkdown(row.key)]
                                + Self.markdownFields(row.groups[index]))
                }
            }
        }
        let labelColumns = shape == .wide ? 1 : 2
        lines.append("| " + header.map(Self.escapeMarkdown).joined(separator: " | ") + " |")
        lines.append(String(repeating: "|---", count: labelColumns)
                     + String(repeating: "|---:", count: header.count - labelColumns) + "|")
        lines += body.map { "| " + $0.joined(separator: " | ") + " |" }
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

    /// One cell group's fields: each metric (bold when best, `[published]` with its footnote), then `n`
    /// (with `!` and the failure footnote when seeds failed).
    static func markdownFields(_ group: TableText.Group) -> [String] {
        var fields = group.metricCells.map { cell -> String in
            var field = cell.bold ? "**\(cell.text)**" : cell.text
            if let published = cell.published { field += " [\(published.value)]\(superscript(published.footnote))" }
            return field
        }
        fields.append("\(group.n)" + (group.failureFootnote.map { " \(TableText.failed)\(superscript($0))" } ?? ""))
        return fields
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
