import ContentHash

/// One fully resolved training job: what `zerolog train` runs and what the harness freezes,
/// hashes (canonical JSON → SHA-256 = the job id) and stores.
public struct TrainingJob: Codable, Hashable, Sendable {
    /// Method name from `MethodCatalog` (e.g. `zerolog`, `metalog`).
    public var method: String
    /// Source dataset definition name (labeled); nil for methods that train on the target only.
    public var source: String?
    /// Target dataset definition name (the system under test).
    public var target: String
    /// How many target labels the method may see.
    public var targetLabels: LabelBudget
    /// Every hyperparameter of the method, defaults filled in (so the id changes when a default does).
    public var hyperparameters: [String: JSONValue]
    /// Seed of every random choice in the job (splits, label budget draw, init, batches, dropout).
    public var seed: UInt64
    /// Content fingerprints of the datasets the job reads, by dataset name.
    public var datasetFingerprints: [String: String]

    public init(method: String, source: String?, target: String, targetLabels: LabelBudget,
                hyperparameters: [String: JSONValue], seed: UInt64, datasetFingerprints: [String: String] = [:]) {
        self.method = method
        self.source = source
        self.target = target
        self.targetLabels = targetLabels
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.datasetFingerprints = datasetFingerprints
    }

    /// The content-hash id: SHA-256 of the canonical JSON of the whole job.
    public func contentID() throws -> String { try ContentDigest.id(of: self) }
}

/// The target labels a method may use, drawn with the job's seed from the target's training part.
///
/// `anomalyFraction` of the target's training anomalies and `normalFraction` of its training
/// normals are labeled; the rest are unlabeled. ZeroLog: both 0. MetaLog paper: 0.01 anomalies and
/// 0.30 (HDFS→BGL) / 0.10 (BGL→HDFS) normals. Fully supervised baselines: both 1.
public struct LabelBudget: Codable, Hashable, Sendable, CustomStringConvertible {
    public var anomalyFraction: Double
    public var normalFraction: Double

    public init(anomalyFraction: Double, normalFraction: Double) {
        self.anomalyFraction = anomalyFraction
        self.normalFraction = normalFraction
    }

    public static let none = LabelBudget(anomalyFraction: 0, normalFraction: 0)
    public static let all = LabelBudget(anomalyFraction: 1, normalFraction: 1)

    public var isZero: Bool { anomalyFraction == 0 && normalFraction == 0 }
    public var description: String {
        isZero ? "0 labels" : "anomalies \(anomalyFraction * 100)% normals \(normalFraction * 100)%"
    }
}

/// What the harness needs to know about a method before running it: its name, hyperparameters
/// with defaults (spec validation rejects unknown names), and which inputs it needs.
public struct MethodDescriptor: Sendable {
    public var name: String
    public var summary: String
    /// Every hyperparameter the method reads, with its default.
    public var hyperparameters: [String: JSONValue]
    /// Whether the method needs a labeled source system.
    public var needsSource: Bool
    /// Whether the method can use target labels (MetaLog, supervised baselines).
    public var usesTargetLabels: Bool
    /// The target label budget used when a job does not name one (MetaLog: 1% anomalies, 30% normals).
    public var defaultTargetLabels: LabelBudget
    /// What each hyperparameter means (name → one line), for `--help` output and docs.
    public var documentation: [String: String]

    public init(name: String, summary: String, hyperparameters: [String: JSONValue],
                needsSource: Bool, usesTargetLabels: Bool,
                defaultTargetLabels: LabelBudget = .none, documentation: [String: String] = [:]) {
        self.name = name
        self.summary = summary
        self.hyperparameters = hyperparameters
        self.needsSource = needsSource
        self.usesTargetLabels = usesTargetLabels
        self.defaultTargetLabels = defaultTargetLabels
        self.documentation = documentation
    }
}
