import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

/// SVG plots: well-formed XML, one line per series, points where the data says, golden files.
struct PlotTests {
    typealias F = ReportFixtures

    @Test func betaSweepPlot() throws {
        let plot = F.sweepTable.sweepPlot(parameter: "beta", metric: "f1")
        #expect(plot.series.map(\.name) == ["hdfs→bgl", "bgl→hdfs"])
        #expect(plot.series.allSatisfy { $0.points.map(\.x) == [1, 2, 3, 4, 5] })
        #expect(plot.series[0].points.allSatisfy { ($0.error ?? 0) > 0 })
        let svg = plot.svg()
        #expect(try Self.elementCounts(svg)["polyline"] == 2)
        #expect(try Self.elementCounts(svg)["circle"] == 10)
        #expect(try Golden.check(svg, "beta-sweep.svg"))
    }

    @Test func rocPlot() throws {
        let plots = F.table.plots()
        #expect(plots.map(\.stem) == ["fixture-roc-hdfs-to-bgl"])
        let plot = F.table.rocPlot(column: "hdfs→bgl")
        #expect(plot.series.count == 3)
        #expect(plot.series[0].name == "ZeroLog (AUC 0.900)")
        // The averaged curve starts at (0,0), ends at (1,1) and never decreases.
        for series in plot.series {
            #expect(series.points.first?.y == 0 && series.points.last?.y == 1)
            #expect(zip(series.points, series.points.dropFirst()).allSatisfy { $0.y <= $1.y + 1e-12 })
        }
        #expect(try Self.elementCounts(plots[0].svg)["polyline"] == 3)
        #expect(try Golden.check(plots[0].svg, "roc.svg"))
    }

    @Test func labelRatioPlotInPercent() throws {
        let key = "targetLabels.anomalyFraction"
        let rows = [0.01, 0.05].map { ReportRow(key: "MetaLog anomalyFraction=\($0)", group: "MetaLog", sweepValues: [key: $0]) }
            + [ReportRow(key: "ZeroLog", group: "ZeroLog")]
        let layout = ReportLayout(experiment: "lr", title: "Label ratio", reproduces: "MetaLog ICSE'24 Fig. 9 (fixture)",
                                  rows: rows, columns: ["hdfs→bgl"], metrics: ["f1"], plots: [.sweep(parameter: key, metric: "f1")])
        let observations = rows.map { F.done($0.key, "hdfs→bgl", 1, p: 0.7, r: 0.8) }
        let table = ReportTable(layout: layout, observations: observations)
        let plot = table.sweepPlot(parameter: key, metric: "f1")
        #expect(plot.xLabel == "labeled target anomalies (%)")
        #expect(plot.series.count == 2)   // MetaLog's sweep, and ZeroLog as a flat reference
        #expect(plot.series[0].points.map(\.x) == [1, 5] && plot.series[0].name == "MetaLog, hdfs→bgl")
        #expect(plot.series[1].isReference && plot.series[1].name == "ZeroLog, hdfs→bgl (reference)")
        #expect(plot.series[1].points.map(\.x) == [1, 5] && plot.series[1].points[0].y == plot.series[1].points[1].y)
        #expect(plot.series[0].points.allSatisfy { $0.error == nil })   // one seed: no error bars
        #expect(table.plots().map(\.stem) == ["lr-f1-vs-anomalyFraction"])
        let counts = try Self.elementCounts(plot.svg())
        #expect(counts["polyline"] == 2 && counts["circle"] == 2)   // no markers on the reference
    }

    @Test func rocInterpolation() {
        let curve = [ROCPoint(fpr: 0.5, tpr: 0.8)]
        #expect(abs(ReportTable.tpr(at: 0.25, on: curve) - 0.4) < 1e-12)
        #expect(abs(ReportTable.tpr(at: 0.75, on: curve) - 0.9) < 1e-12)
        #expect(ReportTable.tpr(at: 0.5, on: [ROCPoint(fpr: 0.5, tpr: 0.2), ROCPoint(fpr: 0.5, tpr: 0.6)]) == 0.6)
    }

    @Test func niceTicks() {
        #expect(LinePlot.Axis(range: 0...100).ticks == [0, 20, 40, 60, 80, 100])
        let unit = LinePlot.Axis(range: 0...1).ticks
        #expect(unit.count == 6 && zip(unit, [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(LinePlot.fit([1, 5]) == 1...5)
        #expect(LinePlot.label(0.25) == "0.25")
    }

    /// Parses the SVG as XML and counts elements by name (fails on malformed XML).
    static func elementCounts(_ svg: String) throws -> [String: Int] {
        final class Counter: NSObject, XMLParserDelegate {
            var counts: [String: Int] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                counts[name, default: 0] += 1
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return counter.counts
    }
}
