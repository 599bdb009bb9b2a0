import ArgumentParser
import Foundation
import LogData
import Methods

/// `zerolog detect`: score a system's sessions with a trained checkpoint and explain the anomalous ones.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Score a system's sessions with a trained model; list anomalous sessions and the events attention weighted most.",
        discussion: """
            Either a prepared dataset (--dataset NAME) or a raw log file (--log FILE --format '<Date> <Time> … <Content>'
            [--preset DRAIN_PRESET] and --session-pattern REGEX or --window N). The log's event vectors are built
            with the same word vectors as the datasets (shared GloVe 50-d unless --vectors), so a model trained
            on other systems scores it directly.
            """)

    @Option(name: .long, help: "Checkpoint written by `zerolog train` (checkpoint.safetensors; its .json sidecar beside it).")
    var checkpoint: String

    @Option(name: .long, help: "Dataset definition name to score.")
    var dataset: String?

    @Option(name: .long, help: "Raw log file to score.")
    var log: String?

    @Option(name: .long, help: "loghub-style log format of --log, e.g. '<Date> <Time> <Pid> <Level> <Component>: <Content>'.")
    var format: String?

    @Option(name: .long, help: "Drain preset for --log (e.g. metalog-hdfs, metalog-bgl).")
    var preset: String?

    @Option(name: .long, help: "Sessions of --log by identifier: a regex over the message (e.g. 'blk_-?\\d+').")
    var sessionPattern: String?

    @Option(name: .long, help: "Sessions of --log as fixed windows of N lines (used when no --session-pattern).")
    var window: Int = 120

    @Option(name: .long, help: "Word-vector file (GloVe text format) for --log.")
    var vectors: String?

    @Option(name: .long, help: "Decision threshold on p(anomaly).")
    var threshold: Double = 0.5

    @Option(name: .long, help: "List at most this many anomalous sessions (highest scores first).")
    var top: Int = 20

    @Option(name: .long, help: "Events shown per session (highest attention first).")
    var events: Int = 3

    func validate() throws {
        if (dataset == nil) == (log == nil) { throw ValidationError("give exactly one of --dataset NAME or --log FILE") }
        if log != nil && format == nil { throw ValidationError("--log needs --format '<…> <Content>'") }
        if window < 1 { throw ValidationError("--window must be ≥ 1") }
    }

    func run() throws {
        let (detector, sidecar) = try NeuralDetector.load(checkpoint: URL(fileURLWithPath: checkpoint))
        let data = try loadData()
        let (scores, attention) = try detector.scoresWithAttention(data.sessions, in: data)
        let flagged = scores.indices.filter { Double(scores[$0]) >= threshold }.sorted { scores[$0] > scores[$1] }
        print("model: \(sidecar.method) trained \(sidecar.metadata["source"] ?? "?")→\(sidecar.metadata["target"] ?? "?") "
              + "seed \(sidecar.metadata["seed"] ?? "?")")
        print("\(data.name): \(data.sessions.count) sessions, \(flagged.count) anomalous at threshold \(threshold)")
        let labeled = data.sessions.contains { $0.label != .unknown }
        if labeled {
            let m = Evaluator(threshold: threshold).evaluate(scores: scores, labels: data.sessions.map { $0.label == .anomalous })
            print("against the dataset's labels: \(m.summaryLine) fpr=\(String(format: "%.4f", m.falsePositiveRate))")
        }
        for i in flagged.prefix(top) {
            let s = data.sessions[i]
            let truth = s.label == .unknown ? "" : " (label: \(s.label == .anomalous ? "anomalous" : "normal"))"
            print(String(format: "%.4f  ", scores[i]) + s.id + truth)
            guard let weights = attention?[i] else { continue }
            var best: [Int32: Float] = [:]
            for (t, w) in weights.enumerated() { best[s.events[t], default: 0] += w }
            for (event, w) in best.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }).prefix(events) {
                print(String(format: "    %.3f  ", w) + data.eventTemplates[Int(event)])
            }
        }
        if flagged.count > top { print("… \(flagged.count - top) more (raise --top)") }
    }

    func loadData() throws -> PreparedDataset {
        let locations = DataLocations.fromEnvironment()
        let preparer = DatasetPreparer(locations: locations)
        let definition: DatasetDefinition
        if let dataset {
            definition = try DatasetCatalog.project(locations).definition(named: dataset)
        } else {
            let path = URL(fileURLWithPath: log!).standardizedFileURL.path
            definition = DatasetDefinition(
                name: "log-" + (path as NSString).lastPathComponent, system: "user",
                input: .raw(RawInput(files: [InputFile(path: path)], logFormat: format!, drain: DrainSettings(preset: preset))),
                sessions: sessionPattern.map { .identifier(field: "Content", pattern: $0) } ?? .fixedWindows(size: window),
                labels: .none)
        }
        return try preparer.prepare(definition, embedding: preparer.embedding(for: definition, vectors: vectors)).dataset
    }
}
