import ContentHash

/// Every implemented method, with every hyperparameter and its default. The harness validates
/// experiment specs against it (unknown hyperparameter names are errors).
///
/// Ablations are presets of one implementation (`ZeroLogMethod`), differing only in switches:
/// `zerolog-no-meta` (`use_meta=false`), `zerolog-no-adversary` (`use_adversary=false`),
/// `zerolog-mean-pooling` (`pooling=mean`), `source-only` (both off: train on the source, apply to
/// the target).
public enum MethodCatalog {
    public static let all: [MethodDescriptor] = [
        zeroLogPreset("zerolog", "ZeroLog: adversarial domain adaptation + meta-learning, zero target labels", [:]),
        zeroLogPreset("zerolog-no-meta", "ZeroLog ablation: adversarial adaptation only (no meta-learning)",
                      ["use_meta": .bool(false)]),
        zeroLogPreset("zerolog-no-adversary", "ZeroLog ablation: meta-learning without the domain adversary",
                      ["use_adversary": .bool(false)]),
        zeroLogPreset("zerolog-mean-pooling", "ZeroLog ablation: masked mean pooling instead of attention",
                      ["pooling": .string("mean")]),
        zeroLogPreset("source-only", "Source-only: supervised on the source, applied to the target unchanged",
                      ["use_meta": .bool(false), "use_adversary": .bool(false)]),
        descriptor(name: "metalog",
                   summary: "MetaLog (ICSE'24) Algorithm 1: first-order meta-learning, few target labels",
                   specs: HyperparameterGroups.merge(HyperparameterGroups.splits, HyperparameterGroups.network,
                                                     HyperparameterGroups.metaLog),
                   usesTargetLabels: true,
                   defaultTargetLabels: LabelBudget(anomalyFraction: 0.01, normalFraction: 0.3)),
    ]

    public static var names: [String] { all.map(\.name) }

    public static func descriptor(named name: String) throws -> MethodDescriptor {
        guard let d = all.first(where: { $0.name == name }) else {
            throw MethodError.unknownMethod(name, known: names)
        }
        return d
    }

    /// The method's defaults with `overrides` applied; unknown names are errors.
    public static func resolve(method name: String, overrides: [String: JSONValue]) throws -> [String: JSONValue] {
        let d = try descriptor(named: name)
        var values = d.hyperparameters
        for key in overrides.keys.sorted() {
            guard values[key] != nil else {
                throw MethodError.unknownHyperparameter(method: name, name: key, known: d.hyperparameters.keys.sorted())
            }
            values[key] = overrides[key]
        }
        return values
    }

    // MARK: Building descriptors

    private static func zeroLogPreset(_ name: String, _ summary: String, _ overrides: [String: JSONValue]) -> MethodDescriptor {
        var specs = HyperparameterGroups.merge(HyperparameterGroups.splits, HyperparameterGroups.network,
                                               HyperparameterGroups.zeroLog)
        for i in specs.indices { if let v = overrides[specs[i].name] { specs[i].defaultValue = v } }
        return descriptor(name: name, summary: summary, specs: specs, usesTargetLabels: false, defaultTargetLabels: .none)
    }

    private static func descriptor(name: String, summary: String, specs: [HyperparameterSpec],
                                   usesTargetLabels: Bool, defaultTargetLabels: LabelBudget) -> MethodDescriptor {
        MethodDescriptor(
            name: name, summary: summary,
            hyperparameters: Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.defaultValue) }),
            needsSource: true, usesTargetLabels: usesTargetLabels,
            defaultTargetLabels: defaultTargetLabels,
            documentation: Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.meaning) }))
    }
}
