import ContentHash
import Foundation

/// Generated log systems for demos and tests: several distinct "systems" (different components,
/// templates, parameters and session structure) whose anomalies share English failure semantics
/// (exceptions, timeouts, corrupt blocks, refused connections, …), written as raw loghub-like
/// logs + label files + dataset definitions + a small GloVe-format vector file for their words.
/// Deterministic in the seed; no downloads.
public enum SyntheticSystems {
    /// Generation settings.
    public struct Options: Codable, Hashable, Sendable {
        /// Sessions per system (blocks, node windows, instances, time windows).
        public var sessionsPerSystem: Int
        /// Fraction of anomalous sessions.
        public var anomalyRate: Double
        /// Width of the generated word vectors.
        public var dimension: Int
        /// Prefix of paths written into the definitions (`$DATA_DIR/synth`, or the absolute output dir when nil).
        public var pathPrefix: String?

        public init(sessionsPerSystem: Int = 500, anomalyRate: Double = 0.08, dimension: Int = 50, pathPrefix: String? = nil) {
            self.sessionsPerSystem = sessionsPerSystem
            self.anomalyRate = anomalyRate
            self.dimension = dimension
            self.pathPrefix = pathPrefix
        }
    }

    /// What was generated for one system.
    public struct SystemSummary: Codable, Hashable, Sendable {
        public var name: String
        public var lines: Int
        public var sessions: Int
        public var anomalousSessions: Int
    }

    public struct Manifest: Codable, Hashable, Sendable {
        public var seed: UInt64
        public var options: Options
        public var systems: [SystemSummary]
        public var vectorsFile: String
        public var definitions: [DatasetDefinition]
    }

    /// The names of the generated systems, in generation order.
    public static let systemNames = ["synth-storage", "synth-cluster", "synth-cloud", "synth-gateway"]

    /// Writes every system into `directory` (`<name>/…`, `vectors.txt`, `definitions/<name>.json`,
    /// `manifest.json`) and returns the manifest.
    @discardableResult
    public static func generate(into directory: URL, seed: UInt64, options: Options = Options()) throws -> Manifest {
        precondition(options.sessionsPerSystem > 0 && (0...1).contains(options.anomalyRate) && options.dimension > 0)
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let prefix = options.pathPrefix ?? directory.standardizedFileURL.path
        var root = SplitMix64(seed: seed)
        let builders: [(inout SplitMix64, Options) -> GeneratedSystem] = [
            StorageSystem.generate, ClusterSystem.generate, CloudSystem.generate, GatewaySystem.generate,
        ]
        var systems: [GeneratedSystem] = []
        for (k, build) in builders.enumerated() {
            var rng = root.fork(UInt64(k + 1))
            systems.append(build(&rng, options))
        }
        // Files.
        var summaries: [SystemSummary] = []
        var definitions: [DatasetDefinition] = []
        var words = Set<String>()
        let vectorsPath = "\(prefix)/vectors.txt"
        for s in systems {
            let dir = directory.appendingPathComponent(s.name)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(s.logText.utf8).write(to: dir.appendingPathComponent("\(s.name).log"))
            for (file, text) in s.labelFiles { try Data(text.utf8).write(to: dir.appendingPathComponent(file)) }
            let def = s.definition("\(prefix)/\(s.name)", vectorsPath)
            definitions.append(def)
            let defDir = directory.appendingPathComponent("definitions")
            try fm.createDirectory(at: defDir, withIntermediateDirectories: true)
            try def.jsonData().write(to: defDir.appendingPathComponent("\(s.name).json"))
            summaries.append(SystemSummary(name: s.name, lines: s.lineCount, sessions: s.sessions, anomalousSessions: s.anomalies))
            for w in s.vocabulary { words.insert(w) }
        }
        for ws in SyntheticVocabulary.concepts.values { for w in ws { words.insert(w) } }
        var vrng = root.fork(99)
        let vectors = SyntheticVocabulary.vectors(for: words.sorted(), dimension: options.dimension, rng: &vrng)
        try Data(SyntheticVocabulary.gloveText(vectors).utf8).write(to: directory.appendingPathComponent("vectors.txt"))
        let manifest = Manifest(seed: seed, options: options, systems: summaries, vectorsFile: vectorsPath, definitions: definitions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("manifest.json"))
        return manifest
    }
}

/// One generated system before it is written.
struct GeneratedSystem {
    var name: String
    var logText: String
    var lineCount: Int
    var labelFiles: [(String, String)]
    var sessions: Int
    var anomalies: Int
    /// Words of its templates (for the vector file).
    var vocabulary: Set<String>
    /// The definition, given the system's directory prefix and the vectors path.
    var definition: (_ dir: String, _ vectors: String) -> DatasetDefinition
}

/// Collects timestamped lines and renders them sorted by time (stable).
struct LineCollector {
    var entries: [(time: Double, seq: Int, text: String)] = []
    var vocabulary = Set<String>()

    /// Adds `prefix + template` with each `{}` replaced by the next of `args`.
    mutating func emit(_ time: Double, _ prefix: String, _ template: String, _ args: [String] = []) {
        var text = prefix
        var rest = Substring(template)
        var k = 0
        while let r = rest.range(of: "{}") {
            text += rest[..<r.lowerBound]
            text += k < args.count ? args[k] : ""
            k += 1
            rest = rest[r.upperBound...]
        }
        text += rest
        entries.append((time, entries.count, text))
        for w in TemplateTokenizer.words(template.replacingOccurrences(of: "{}", with: " ")) { vocabulary.insert(w) }
    }

    func rendered() -> String {
        entries.sorted { $0.time != $1.time ? $0.time < $1.time : $0.seq < $1.seq }.map(\.text).joined(separator: "\n") + "\n"
    }
}

/// Calendar pieces of `seconds` after 2024-03-01 00:00:00 (no DST, no leap handling needed within a month).
struct SynthClock {
    static func parts(_ seconds: Double) -> (day: Int, h: Int, m: Int, s: Int, ms: Int) {
        let whole = Int(seconds)
        return (1 + whole / 86400, (whole / 3600) % 24, (whole / 60) % 60, whole % 60, Int((seconds - Double(whole)) * 1000))
    }
    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    static func three(_ v: Int) -> String { v < 10 ? "00\(v)" : (v < 100 ? "0\(v)" : "\(v)") }
    /// Epoch seconds of 2024-03-01 00:00:00 UTC.
    static let epochBase = 1_709_251_200.0
}
