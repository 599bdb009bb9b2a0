import Foundation
import Testing
@testable import Reports

/// Aggregation (mean ± std, n, best marks, failures) and the three table formats against golden files.
struct ReportTableTests {
    typealias F = ReportFixtures

    @Test func meanStdOverSeeds() throws {
        let cell = F.table.cell(row: "ZeroLog", column: "hdfs→bgl")
        let precision = try #require(cell.stats["precision"])
        #expect(precision.n == 3)
        #expect(abs(precision.mean - 0.82) < 1e-12)
        #expect(abs(precision.std - 0.02) < 1e-12)   // sample std of 0.82, 0.84, 0.80
        #expect(cell.doneCount == 3 && cell.failures.isEmpty)
        #expect(F.table.unplacedObservations == 1)
    }

    @Test func failuresMissingAndBest() {
        let table = F.table
        let failed = table.cell(row: "MetaLog (1% labels)", column: "bgl→hdfs")
        #expect(failed.doneCount == 0 && failed.failures.map(\.seed) == [1])
        #expect(table.cell(row: "ZeroLog w/o meta", column: "bgl→hdfs").unfinishedCount == 1)
        #expect(table.bestRows(column: "hdfs→bgl", metric: "f1") == ["MetaLog (1% labels)"])
        #expect(table.bestRows(column: "bgl→hdfs", metric: "f1").isEmpty)   // only one row has data
        let tie = ReportTable(layout: F.layout, observations: [F.done("ZeroLog", "hdfs→bgl", 1, p: 0.5, r: 0.5),
                                                               F.done("ZeroLog w/o meta", "hdfs→bgl", 1, p: 0.5, r: 0.5)])
        #expect(tie.bestRows(column: "hdfs→bgl", metric: "f1").isEmpty)   // all equal: nothing is best
    }

    @Test func markdownGolden() throws {
        let text = F.table.markdown()
        #expect(text.contains("**88.99** [92.93]²"))
        #expect(text.contains("| — | — | — | — | 0 |"))       // pending cell
        #expect(text.contains("| ! | ! | ! [81.51]³ | ! | 0 !⁵ |"))        // failed cell
        #expect(text.contains("Test sets: hdfs→bgl: 5000 sessions, 120 anomalies; bgl→hdfs: 3000 sessions, 90 anomalies."))
        #expect(try Golden.check(text, "fixture.md"))
    }

    @Test func latexGolden() throws {
        let text = F.table.latex()
        #expect(text.contains("\\begin{tabular}{l rrrrr rrrrr}"))
        #expect(text.contains("\\textbf{"))
        #expect(text.contains("hdfs$\\rightarrow$bgl"))
        #expect(try Golden.check(text, "fixture.tex"))
    }

    @Test func longShapesGolden() throws {
        let md = F.table.markdown(shape: .long)
        #expect(md.contains("| Pair | Method | P | R | F1 | AUC-ROC | n |"))
        #expect(md.contains("| hdfs→bgl | MetaLog (1% labels) | **90.00** | **88.00** | **88.99** [92.93]² | **95.00** | 1 |"))
        #expect(md.contains("| bgl→hdfs | MetaLog (1% labels) | ! | ! | ! [81.51]³ | ! | 0 !⁵ |"))
        #expect(md.components(separatedBy: "\n").filter { $0.hasPrefix("| hdfs→bgl |") || $0.hasPrefix("| bgl→hdfs |") }.count == 6)
        // The same footnotes, test sets and notes as the wide table.
        let wide = F.table.markdown()
        #expect(md[md.range(of: "¹ Published")!.lowerBound...] == wide[wide.range(of: "¹ Published")!.lowerBound...])
        #expect(try Golden.check(md, "fixture-long.md"))
        let tex = F.table.latex(shape: .long)
        #expect(tex.contains("\\begin{tabular}{ll rrrrr}"))
        #expect(tex.components(separatedBy: "\\midrule").count == 3)   // one rule before each pair
        #expect(try Golden.check(tex, "fixture-long.tex"))
    }

    @Test func csvGolden() throws {
        let text = F.table.csv()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + 3 * 2 * 4)
        #expect(lines.allSatisfy { Self.csvFieldCount(String($0)) == 13 })
        #expect(try Golden.check(text, "fixture.csv"))
    }

    @Test func identicalFailuresShareOneFootnote() {
        let layout = ReportLayout(experiment: "f", title: "T", reproduces: "r",
                                  rows: [ReportRow(key: "A", group: "A"), ReportRow(key: "B", group: "B")],
                                  columns: ["x→y"], metrics: ["f1"])
        let failed = ["A", "B"].map { ReportObservation(row: $0, column: "x→y", seed: 1, status: .failed, error: "boom") }
        let text = ReportTable(layout: layout, observations: failed).markdown()
        #expect(text.contains("| A | ! | 0 !¹ |") && text.contains("| B | ! | 0 !¹ |"))
        #expect(!text.contains("²"))
    }

    @Test func escaping() {
        #expect(ReportTable.escapeLaTeX("a_b & 50% → x") == "a\\_b \\& 50\\% $\\rightarrow$ x")
        #expect(ReportTable.escapeLaTeX("β ≥ 2 × λ…") == "$\\beta$ $\\geq$ 2 $\\times$ $\\lambda$\\ldots{}")
        #expect(ReportTable.csvField("a, \"b\"") == "\"a, \"\"b\"\"\"")
        #expect(ReportTable.superscript(12) == "¹²")
    }

    /// Counts CSV fields, honouring quotes.
    static func csvFieldCount(_ line: String) -> Int {
        var count = 1, quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { count += 1 }
        }
        return count
    }
}
