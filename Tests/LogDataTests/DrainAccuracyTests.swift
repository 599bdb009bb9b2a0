import Foundation
import Testing
@testable import LogData

/// Grouping accuracy of the loghub presets on the loghub 2k samples (../shared/datasets).
/// Thresholds: the published logparser Drain numbers (HDFS .998, BGL .963, Thunderbird .955,
/// OpenStack .733) rounded down.
@Suite("Drain grouping accuracy on loghub 2k samples")
struct DrainAccuracyTests {
    static let locations = DataLocations.forTests()
    static let hasData: Bool = {
        let ok = locations.hasSharedDatasets
        if !ok { print("NOTE: ../shared/datasets absent — skipping Drain accuracy tests on loghub 2k samples") }
        return ok
    }()

    /// Parses `<System>/loghub-2k/<System>_2k.log` and scores against its structured CSV.
    static func accuracy(system: String, preset: String) throws -> (accuracy: Double, templates: Int, malformed: Int) {
        let dir = locations.sharedDatasets.appendingPathComponent("\(system)/loghub-2k")
        let log = dir.appendingPathComponent("\(system)_2k.log")
        let truthTable = try CSVTable(contentsOf: dir.appendingPathComponent("\(system)_2k.log_structured.csv"))
        let lineIds = try truthTable.column("LineId").map { Int($0)! }
        let eventIds = try truthTable.column("EventId")
        var truthByLine: [Int: String] = [:]
        for (l, e) in zip(lineIds, eventIds) { truthByLine[l] = e }

        let drain = try Drain(config: .preset(preset))
        var parser = RawLogParser(format: try .loghub(system), drain: drain)
        var parsed: [Int] = [], truth: [String] = []
        let summary = try parser.parse(file: log) { line in
            if let t = truthByLine[line.lineNumber] { parsed.append(line.eventId); truth.append(t) }
        }
        #expect(truth.count == truthTable.rows.count, "every ground-truth line was parsed")
        return (GroupingAccuracy.compute(parsed: parsed, truth: truth), drain.clusterCount, summary.malformed.count)
    }

    @Test(.enabled(if: hasData), arguments: [
        ("HDFS", "loghub-hdfs", 0.99),
        ("BGL", "loghub-bgl", 0.96),
        ("Thunderbird", "loghub-thunderbird", 0.95),
        ("OpenStack", "loghub-openstack", 0.73),
    ])
    func loghubPresetMeetsTarget(system: String, preset: String, target: Double) throws {
        let r = try Self.accuracy(system: system, preset: preset)
        print("grouping_accuracy \(system) \(preset): \(String(format: "%.4f", r.accuracy)) templates=\(r.templates) malformed=\(r.malformed)")
        #expect(r.accuracy >= target, "\(system): \(r.accuracy) < \(target)")
        #expect(r.malformed == 0)
    }
}
