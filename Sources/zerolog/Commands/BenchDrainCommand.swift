import ArgumentParser
import Foundation
import LogData

/// `zerolog bench drain`: this Drain against Drain3 0.9.11 on the same HDFS message bodies, same
/// settings and masks, in one run. The last line is `drain_speedup_vs_drain3=X`.
struct BenchDrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Drain speed against Drain3 (Python) on the same message bodies; prints drain_speedup_vs_drain3.",
        discussion: """
            Extracts the Content field of --log once, writes the bodies to a temporary file, then
            times this Drain (best of --repeats, single thread, reading the file included) and
            Drain3's TemplateMiner (in-memory config, loop over pre-read lines) on it. Drain3 runs in
            .venv-bench, created on first use: python3 -m venv .venv-bench && .venv-bench/bin/pip install drain3==0.9.11
            """)

    @Option(help: "Raw log to take message bodies from.")
    var log = "$SHARED_DATASETS/HDFS/loglead-2pct/HDFS_2pct.log"

    @Option(help: "loghub system name or format string of --log.")
    var format = "HDFS"

    @Option(help: "Drain preset used by both implementations (Drain3-style masks: <NAME>).")
    var preset = "metalog-hdfs"

    @Option(help: "Timed runs of this Drain; the best counts.")
    var repeats = 3

    @Option(help: "Virtualenv holding drain3.")
    var venv = ".venv-bench"

    @Option(help: "Keep only these masks of the preset, by 0-based index, e.g. 0,2 (diagnostics; applies to both).")
    var masks: String?

    @Flag(help: "Time this Drain only (no Drain3 run, no speedup line).")
    var skipReference = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be >= 1") }
        guard DrainConfig.presetNames.contains(preset.lowercased()) else {
            throw ValidationError("unknown --preset '\(preset)'; known: \(DrainConfig.presetNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        let locations = DataLocations.fromEnvironment()
        let logURL = locations.resolve(log)
        guard FileManager.default.fileExists(atPath: logURL.path) else {
            throw ValidationError("--log \(logURL.path) does not exist (shared samples missing?)")
        }
        var config = try DrainConfig.preset(preset)
        if let masks {
            let keep = masks.split(separator: ",").compactMap { Int($0) }
            guard keep.allSatisfy({ config.masks.indices.contains($0) }) else {
                throw ValidationError("--masks: indices must be in 0..<\(config.masks.count)")
            }
            config.masks = keep.map { config.masks[$0] }
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("zerolog-bench-drain-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // 1. Bodies, once.
        let bodies = work.appendingPathComponent("bodies.txt")
        let extracted = try BenchDrainCommand.extractBodies(from: logURL, format: try .named(orFormat: format), to: bodies)
        print("bodies=\(extracted.lines) (from \(logURL.lastPathComponent), malformed skipped: \(extracted.malformed))")

        // 2. This Drain.
        var best = Double.infinity
        var swiftIds: [Int32] = []
        var swiftClusters = 0
        for r in 1...repeats {
            let drain = try Drain(config: config)
            var ids: [Int32] = []
            ids.reserveCapacity(extracted.lines)
            let start = DispatchTime.now().uptimeNanoseconds
            try LogLineReader(url: bodies).forEachLine { _, bytes in ids.append(Int32(drain.add(bytes: bytes))) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("swift_run=\(r) seconds=\(String(format: "%.4f", seconds)) lines_per_second=\(Int(Double(ids.count) / seconds))")
            if seconds < best { best = seconds; swiftIds = ids; swiftClusters = drain.clusterCount }
        }
        let swiftRate = Double(extracted.lines) / best
        print("swift_lines_per_second=\(Int(swiftRate)) swift_clusters=\(swiftClusters)")

        if skipReference { return }

        // 3. Drain3.
        let python = try BenchDrainCommand.ensureDrain3(venv: locations.resolve(venv))
        let assignments = work.appendingPathComponent("drain3-ids.txt")
        let settings: [String: Any] = [
            "similarityThreshold": config.similarityThreshold, "depth": config.depth,
            "maxChildren": config.maxChildren, "maxClusters": config.maxClusters as Any? ?? NSNull(),
            "masks": config.masks.map { ["pattern": $0.pattern, "replacement": $0.replacement] },
            "extraDelimiters": config.extraDelimiters,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: settings), as: UTF8.self)
        let script = locations.projectRoot.appendingPathComponent("scripts/bench/drain3_reference.py")
        let output = try BenchDrainCommand.run(python, [script.path, "--bodies", bodies.path, "--config", json,
                                                         "--assignments", assignments.path])
        let values = BenchDrainCommand.keyValues(output)
        guard let d3Rate = values["lines_per_second"].flatMap(Double.init), let d3Lines = values["lines"].flatMap(Int.init) else {
            throw ValidationError("Drain3 reference printed no lines_per_second:\n\(output)")
        }
        print("drain3_lines_per_second=\(Int(d3Rate)) drain3_clusters=\(values["clusters"] ?? "?")")

        // 4. Same grouping? (Drain3's line ids against ours, loghub grouping accuracy.)
        var d3Ids: [Int] = []
        try LogLineReader(url: assignments).forEachString { _, s in if let v = Int(s) { d3Ids.append(v) } }
        if d3Ids.count == swiftIds.count && d3Lines == swiftIds.count {
            let agreement = GroupingAccuracy.compute(parsed: swiftIds.map(Int.init), truth: d3Ids)
            print("grouping_agreement_with_drain3=\(String(format: "%.4f", agreement))")
        } else {
            print("grouping_agreement_with_drain3=n/a (line counts differ: swift \(swiftIds.count), drain3 \(d3Ids.count))")
        }
        print("drain_speedup_vs_drain3=\(String(format: "%.2f", swiftRate / d3Rate))")
    }
}
