import ArgumentParser
import Foundation
import LogData

/// `zerolog synth --out DIR --seed N`: generate the synthetic multi-system logs (no downloads).
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate synthetic log systems (raw logs, labels, dataset definitions, word vectors).",
        discussion: """
            Writes DIR/<system>/<system>.log and its label file, DIR/vectors.txt (GloVe text format),
            DIR/definitions/<system>.json and DIR/manifest.json. Deterministic in --seed. Prepare a
            system with `zerolog prepare --definitions DIR/definitions --dataset synth-storage`.
            """)

    @Option(name: .long, help: "Output directory (default: Data/synth).")
    var out: String = "Data/synth"

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Sessions per system.")
    var sessions: Int = 500

    @Option(name: .long, help: "Fraction of anomalous sessions (0…1).")
    var anomalyRate: Double = 0.08

    @Option(name: .long, help: "Word-vector dimension.")
    var dimension: Int = 50

    func validate() throws {
        guard sessions > 0 else { throw ValidationError("--sessions must be positive") }
        guard (0...1).contains(anomalyRate) else { throw ValidationError("--anomaly-rate must be within 0…1") }
        guard dimension > 0 else { throw ValidationError("--dimension must be positive") }
    }

    func run() throws {
        let locations = DataLocations.fromEnvironment()
        let dir = URL(fileURLWithPath: out).standardizedFileURL
        // Paths inside the data directory are written as $DATA_DIR/… so definitions stay portable.
        let dataDir = locations.dataDirectory.path
        let prefix = dir.path.hasPrefix(dataDir + "/") ? "$DATA_DIR/" + dir.path.dropFirst(dataDir.count + 1) : dir.path
        let start = Date()
        let manifest = try SyntheticSystems.generate(
            into: dir, seed: seed,
            options: .init(sessionsPerSystem: sessions, anomalyRate: anomalyRate, dimension: dimension, pathPrefix: String(prefix)))
        for s in manifest.systems {
            print("\(s.name): \(s.lines) lines, \(s.sessions) sessions, \(s.anomalousSessions) anomalous")
        }
        print("vectors: \(manifest.vectorsFile)")
        print("definitions: \(dir.path)/definitions")
        print(String(format: "generated in %.2f s", Date().timeIntervalSince(start)))
    }
}
