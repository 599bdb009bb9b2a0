import Foundation

// MARK: - Ground truth from loghub structured CSVs

/// Event ids by line number from a loghub `*_structured.csv` (columns `LineId`, `EventId`).
public struct LoghubGroundTruth: Sendable {
    public var eventByLine: [Int: String]
    public let source: URL

    public init(structuredCSV url: URL) throws {
        let table = try CSVTable(contentsOf: url)
        let ids = try table.column("LineId"), events = try table.column("EventId")
        var map: [Int: String] = [:]
        for (k, (id, e)) in zip(ids, events).enumerated() {
            guard let n = Int(id) else {
                throw LogDataError.badInput(path: url.path, line: k + 2, reason: "LineId '\(id)' is not an integer")
            }
            map[n] = e
        }
        eventByLine = map
        source = url
    }

    /// The structured CSV loghub puts beside a `X.log` (`X.log_structured.csv`), when present.
    public static func beside(_ log: URL) -> URL? {
        let u = log.deletingLastPathComponent().appendingPathComponent(log.lastPathComponent + "_structured.csv")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// Grouping accuracy of `parsed` (line number → event id) over the lines that have ground truth.
    public func groupingAccuracy(parsed: [Int: Int]) -> (accuracy: Double, scoredLines: Int, missingLines: Int) {
        var p: [Int] = [], t: [String] = []
        var missing = 0
        for (line, truth) in eventByLine.sorted(by: { $0.key < $1.key }) {
            if let e = parsed[line] { p.append(e); t.append(truth) } else { missing += 1 }
        }
        // A ground-truth line the parser dropped (malformed) counts as wrongly grouped.
        let acc = GroupingAccuracy.compute(parsed: p, truth: t) * Double(p.count) / Double(max(1, p.count + missing))
        return (acc, p.count, missing)
    }
}
