import Foundation
@testable import Reports

/// A small, fixed report: three method rows on two pairs, three seeds, one failed seed, one
/// cell with no results, published numbers from two sources, and ROC points.
enum ReportFixtures {
    static let layout = ReportLayout(
        experiment: "fixture", title: "Zero-label cross-system F1", reproduces: "ZeroLog ISSRE'25 Table 1 (test fixture)",
        notes: ["ZeroLog's per-pair numbers are not public; FreeLog precisions shown instead."],
        rows: [ReportRow(key: "ZeroLog", group: "ZeroLog"),
               ReportRow(key: "ZeroLog w/o meta", group: "ZeroLog w/o meta"),
               ReportRow(key: "MetaLog (1% labels)", group: "MetaLog (1% labels)")],
        columns: ["hdfs→bgl", "bgl→hdfs"],
        metrics: ["precision", "recall", "f1"],
        published: [
            PublishedNumber(row: "ZeroLog", column: "hdfs→bgl", metric: "precision", value: 81.12, source: "FreeLog arXiv 2507.19806 (precision only)"),
            PublishedNumber(row: "ZeroLog", column: "bgl→hdfs", metric: "precision", value: 79.34, source: "FreeLog arXiv 2507.19806 (precision only)"),
            PublishedNumber(row: "MetaLog (1% labels)", column: "hdfs→bgl", metric: "f1", value: 92.93, source: "MetaLog ICSE'24 Table 1"),
            PublishedNumber(row: "MetaLog (1% labels)", column: "bgl→hdfs", metric: "f1", value: 81.51, source: "MetaLog ICSE'24 Table 2"),
        ],
        plots: [.roc(column: "hdfs→bgl")])

    static func done(_ row: String, _ column: String, _ seed: UInt64, p: Double, r: Double, auc: Double? = nil) -> ReportObservation {
        var metrics = ["precision": p, "recall": r, "f1": 2 * p * r / (p + r)]
        if let auc { metrics["auc_roc"] = auc }
        metrics["test_sessions"] = column == "hdfs→bgl" ? 5000 : 3000
        metrics["test_anomalies"] = column == "hdfs→bgl" ? 120 : 90
        let roc = [ROCPoint(fpr: 0.05, tpr: r * 0.7), ROCPoint(fpr: 0.2, tpr: r), ROCPoint(fpr: 0.5, tpr: (1 + r) / 2)]
        return ReportObservation(row: row, column: column, seed: seed, jobID: "job-\(row)-\(seed)", status: .done,
                                 metrics: metrics, rocPoints: roc)
    }

    static let observations: [ReportObservation] = [
        done("ZeroLog", "hdfs→bgl", 1, p: 0.82, r: 0.80, auc: 0.90),
        done("ZeroLog", "hdfs→bgl", 2, p: 0.84, r: 0.78, auc: 0.91),
        done("ZeroLog", "hdfs→bgl", 3, p: 0.80, r: 0.85, auc: 0.89),
        done("ZeroLog", "bgl→hdfs", 1, p: 0.75, r: 0.70),
        done("ZeroLog", "bgl→hdfs", 2, p: 0.77, r: 0.74),
        ReportObservation(row: "ZeroLog", column: "bgl→hdfs", seed: 3, status: .failed,
                          error: "non-finite loss at epoch 4\n(learning rate too high?)"),
        done("ZeroLog w/o meta", "hdfs→bgl", 1, p: 0.60, r: 0.55, auc: 0.70),
        done("ZeroLog w/o meta", "hdfs→bgl", 2, p: 0.58, r: 0.61, auc: 0.72),
        done("ZeroLog w/o meta", "hdfs→bgl", 3, p: 0.66, r: 0.52, auc: 0.69),
        ReportObservation(row: "ZeroLog w/o meta", column: "bgl→hdfs", seed: 1, status: .pending),
        done("MetaLog (1% labels)", "hdfs→bgl", 1, p: 0.90, r: 0.88, auc: 0.95),
        ReportObservation(row: "MetaLog (1% labels)", column: "bgl→hdfs", seed: 1, status: .failed, error: "out of memory"),
        ReportObservation(row: "stale row", column: "hdfs→bgl", seed: 1, status: .done, metrics: ["f1": 1]),
    ]

    static var table: ReportTable { ReportTable(layout: layout, observations: observations) }

    /// A β sweep: two pairs, five β values, three seeds each.
    static var sweepTable: ReportTable {
        let betas = [1.0, 2, 3, 4, 5]
        let rows = betas.map { ReportRow(key: "ZeroLog beta=\(Int($0))", group: "ZeroLog", sweepValues: ["beta": $0]) }
        let layout = ReportLayout(experiment: "beta-fixture", title: "β sweep", reproduces: "ZeroLog ISSRE'25 β study (test fixture)",
                                  rows: rows, columns: ["hdfs→bgl", "bgl→hdfs"], metrics: ["f1"],
                                  plots: [.sweep(parameter: "beta", metric: "f1")])
        var observations: [ReportObservation] = []
        for (index, beta) in betas.enumerated() {
            for seed in UInt64(1)...3 {
                let base = 0.6 + 0.08 * Double(index) - 0.012 * beta * beta + 0.01 * Double(seed)
                observations.append(done(rows[index].key, "hdfs→bgl", seed, p: base, r: base))
                observations.append(done(rows[index].key, "bgl→hdfs", seed, p: base - 0.1, r: base - 0.05))
            }
        }
        return ReportTable(layout: layout, observations: observations)
    }
}

/// Compares `text` with `Golden/<name>`; `ZEROLOG_UPDATE_GOLDEN=1` rewrites the file instead.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, _ name: String) throws -> Bool {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ZEROLOG_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            print("Golden: wrote \(url.path)")
            return true
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            print("Golden mismatch for \(name). Got:\n\(text)\nRe-run with ZEROLOG_UPDATE_GOLDEN=1 to accept.")
        }
        return expected == text
    }
}
