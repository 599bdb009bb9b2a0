import ContentHash
import Methods
import Reports

/// A versioned experiment spec (`Experiments/*.json`, `schemaVersion: 1`): which paper table or
/// figure it reproduces, the source→target pairs, the method rows (with overrides, label budgets and
/// sweeps), the seeds, the published numbers, and the plots to draw. See `docs/spec-schema.md`.
///
/// Report rows are derived from the method rows (one per sweep point when a row sweeps); report
/// columns are the pairs (`hdfs→bgl`).
public struct ExperimentSpec: Sendable, Equatable {
    /// The only schema version this build reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Experiment name: the key of its jobs in the results store and of its output files.
    public var name: String
    public var title: String
    /// The paper table or figure reproduced, e.g. `MetaLog ICSE'24 Table 1`.
    public var reproduces: String
    public var notes: [String]
    public var pairs: [DatasetPair]
    public var seeds: [UInt64]
    /// Spec-level overrides by method name, applied to every row of that method.
    public var methodOverrides: [String: [String: JSONValue]]
    public var methods: [MethodRow]
    /// The metrics the report shows, in order (default precision, recall, f1).
    public var metrics: [String]
    public var published: [PublishedNumber]
    public var plots: [PlotRequest]

    public init(schemaVersion: Int = ExperimentSpec.currentSchemaVersion, name: String, title: String,
                reproduces: String, notes: [String] = [], pairs: [DatasetPair], seeds: [UInt64],
                methodOverrides: [String: [String: JSONValue]] = [:], methods: [MethodRow],
                metrics: [String] = ExperimentSpec.defaultMetrics, published: [PublishedNumber] = [],
                plots: [PlotRequest] = []) {
        self.schemaVersion = schemaVersion
        self.name = name
        self.title = title
        self.reproduces = reproduces
        self.notes = notes
        self.pairs = pairs
        self.seeds = seeds
        self.methodOverrides = methodOverrides
        self.methods = methods
        self.metrics = metrics
        self.published = published
        self.plots = plots
    }

    public static let defaultMetrics = ["precision", "recall", "f1"]
    /// Metrics a spec may ask for (test split of the store).
    public static let knownMetrics = ["precision", "recall", "f1", "auc_roc", "auc_pr", "fpr"]
}

/// A source→target transfer: train with the source's labels, test on the target.
public struct DatasetPair: Hashable, Sendable {
    /// Source dataset definition name (jobs of methods that read only the target leave it out).
    public var source: String
    public var target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }

    /// The report column key, `hdfs→bgl`.
    public var key: String { "\(source)→\(target)" }
}

/// One method row of the report: a label, a method, its overrides, label budget and sweep.
public struct MethodRow: Hashable, Sendable {
    /// Row label in the report (unique within the spec), e.g. `ZeroLog`, `ZeroLog w/o meta`.
    public var row: String
    /// Method name from the method catalog (`zerolog`, `metalog`).
    public var method: String
    /// Hyperparameter overrides (ablation switches are just overrides).
    public var overrides: [String: JSONValue]
    /// Target labels the row's jobs may use; nil = the method's default (none for zero-label methods).
    public var labelBudget: LabelBudget?
    /// Grid and zipped sweeps; one report row per sweep point.
    public var sweep: Sweep?

    public init(row: String, method: String, overrides: [String: JSONValue] = [:],
                labelBudget: LabelBudget? = nil, sweep: Sweep? = nil) {
        self.row = row
        self.method = method
        self.overrides = overrides
        self.labelBudget = labelBudget
        self.sweep = sweep
    }
}

/// A sweep over hyperparameters (or the label budget): the cartesian product of every `grid` list,
/// times the zipped tuples of the `zip` lists (all of equal length).
///
/// Keys are hyperparameter names or the reserved label-budget keys
/// `targetLabels.anomalyFraction` / `targetLabels.normalFraction`.
public struct Sweep: Hashable, Sendable {
    /// Key order as written in the file is not kept by JSON objects; keys are sorted.
    public var grid: [String: [JSONValue]]
    public var zip: [String: [JSONValue]]

    public init(grid: [String: [JSONValue]] = [:], zip: [String: [JSONValue]] = [:]) {
        self.grid = grid
        self.zip = zip
    }

    public static let anomalyFractionKey = "targetLabels.anomalyFraction"
    public static let normalFractionKey = "targetLabels.normalFraction"
    public static let labelKeys = [anomalyFractionKey, normalFractionKey]

    /// Every key the sweep sets.
    public var keys: [String] { (grid.keys.sorted() + zip.keys.sorted()) }
}
