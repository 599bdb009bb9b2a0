import ArgumentParser
import Foundation
import LogData

/// `zerolog parse`: run Drain over a raw log and report templates, speed, malformed lines and,
/// where loghub ground truth exists, grouping accuracy.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a raw log with Drain: template count, lines/s, malformed lines, grouping accuracy.",
        discussion: """
            Example: zerolog parse --file '$SHARED_DATASETS/HDFS/loghub-2k/HDFS_2k.log' --format HDFS --preset loghub-hdfs
            --format takes a loghub system name (HDFS, BGL, Thunderbird, OpenStack, …) or a format
            string such as '<Date> <Time> <Level> <Content>'. Ground truth is read from --truth, or from
            the loghub '<file>_structured.csv' beside the log when present.
            """)

    @Option(help: "Dataset definition name (Experiments/datasets/NAME.json, input kind raw); replaces --file/--format/--preset.")
    var dataset: String?

    @Option(help: "Raw log file ($SHARED_DATASETS/… and $DATA_DIR/… prefixes allowed).")
    var file: String?

    @Option(help: "loghub system name or format string.")
    var format: String?

    @Option(help: "Drain preset: \(DrainConfig.presetNames.joined(separator: ", ")).")
    var preset: String?

    @Option(help: "Name of the field holding the message body.")
    var contentField = "Content"

    @Option(help: "loghub structured CSV with LineId and EventId columns.")
    var truth: String?

    @Option(help: "Print the N largest templates.")
    var showTemplates = 10

    @Option(help: "Write every template (id, size, template) as CSV to this path.")
    var templatesOut: String?

    func validate() throws {
        if dataset != nil {
            guard file == nil, format == nil, preset == nil else {
                throw ValidationError("--dataset replaces --file, --format and --preset; give one or the other")
            }
        } else {
            guard file != nil, format != nil, let preset else {
                throw ValidationError("give --dataset NAME, or all of --file, --format and --preset")
            }
            guard DrainConfig.presetNames.contains(preset.lowercased()) else {
                throw ValidationError("unknown --preset '\(preset)'; known: \(DrainConfig.presetNames.joined(separator: ", "))")
            }
        }
        guard showTemplates >= 0 else { throw ValidationError("--show-templates must be >= 0") }
    }

    func run() throws {
        let locations = DataLocations.fromEnvironment()
        let job = try resolveInput(locations)
        for url in job.files where !FileManager.default.fileExists(atPath: url.path) {
            throw ValidationError("log file \(url.path) does not exist")
        }
        let drain = try Drain(config: job.config)
        let logFormat = job.format
        var parser = RawLogParser(format: logFormat, contentField: job.contentField, drain: drain)
        var eventByLine: [Int: Int] = [:]
        // Ground truth only for a single file (line numbers restart per file).
        let truthURL = truth.map { locations.resolve($0) } ?? (job.files.count == 1 ? LoghubGroundTruth.beside(job.files[0]) : nil)
        let groundTruth = try truthURL.map { try LoghubGroundTruth(structuredCSV: $0) }
        print("format=\(logFormat.format)")
        print("drain=\(job.drainDescription)")
        var totalLines = 0, totalSeconds = 0.0
        for url in job.files {
            let summary = try parser.parse(file: url) { line in
                if groundTruth?.eventByLine[line.lineNumber] != nil { eventByLine[line.lineNumber] = line.eventId }
            }
            totalLines += summary.lines
            totalSeconds += summary.seconds
            print("file=\(url.path)")
            print("lines=\(summary.lines) parsed=\(summary.parsedLines) blank=\(summary.blankLines)")
            print("malformed=\(summary.malformed.count)")
            for s in summary.malformed.samples { print("  malformed line \(s.lineNumber): \(s.text)") }
        }
        print("templates=\(drain.clusterCount)")
        print("seconds=\(String(format: "%.3f", totalSeconds)) lines_per_second=\(totalSeconds > 0 ? Int(Double(totalLines) / totalSeconds) : 0)")
        let clusters = drain.clusters
        if showTemplates > 0 {
            print("largest templates:")
            for c in clusters.sorted(by: { ($0.size, -$0.id) > ($1.size, -$1.id) }).prefix(showTemplates) {
                print("  [\(c.id)] x\(c.size) \(c.template)")
            }
        }
        if let out = templatesOut {
            var csv = "EventId,Occurrences,EventTemplate\n"
            for c in clusters {
                csv += "\(c.id),\(c.size),\"\(c.template.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            }
            try csv.write(to: locations.resolve(out), atomically: true, encoding: .utf8)
            print("templates_csv=\(locations.resolve(out).path)")
        }
        if let groundTruth {
            let g = groundTruth.groupingAccuracy(parsed: eventByLine)
            print("ground_truth=\(groundTruth.source.path) scored_lines=\(g.scoredLines) unparsed_truth_lines=\(g.missingLines)")
            print("grouping_accuracy=\(String(format: "%.4f", g.accuracy))")
        } else {
            print("grouping_accuracy=n/a (no ground truth; pass --truth)")
        }
    }
}
