import ContentHash

/// One hyperparameter: name, default, meaning.
public struct HyperparameterSpec: Sendable {
    public var name: String
    public var defaultValue: JSONValue
    public var meaning: String
    public init(_ name: String, _ defaultValue: JSONValue, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

/// The hyperparameter groups methods share; a method's list is a concatenation of groups plus
/// overrides, so a default lives in exactly one place.
public enum HyperparameterGroups {
    // MARK: Splits (DESIGN §4.3)

    /// Chronological splits of both systems. Defaults: source 60% train / 20% validation / last 20%
    /// source-test; target first 30% = the (unlabeled) adaptation pool and the label-budget pool,
    /// last 60% = test (MetaLog's HDFS→BGL target cut; the 10% between is unused).
    public static let splits: [HyperparameterSpec] = [
        .init("source_train_fraction", .number(0.6), "first fraction of source sessions used for training (labels known)"),
        .init("source_validation_fraction", .number(0.2), "next fraction of source sessions: validation (per-epoch metrics, model selection)"),
        .init("source_test_fraction", .number(0.2), "last fraction of source sessions: reported as split 'source-test'"),
        .init("target_train_fraction", .number(0.3), "first fraction of target sessions: unlabeled adaptation pool and label-budget pool"),
        .init("target_test_fraction", .number(0.6), "last fraction of target sessions: the test set (never used for selection)"),
        .init("threshold", .number(0.5), "decision threshold on p(anomaly) (fixed, as in the papers)"),
    ]

    // MARK: Network (MetaLog §2: 2-layer bidirectional GRU, hidden 100, attention)

    public static let network: [HyperparameterSpec] = [
        .init("hidden", .number(100), "GRU hidden size per direction"),
        .init("layers", .number(2), "GRU layers"),
        .init("bidirectional", .bool(true), "bidirectional GRU (MetaLog's code) or forward only"),
        .init("pooling", .string("attention"), "attention (learned guide vector) or mean (masked mean over time)"),
        .init("event_norm", .string("l2"), "event vectors enter the network as prepared (none; MetaLog's code) or scaled to unit length (l2: only the direction, the meaning, remains — the TF-IDF sum's length depends on each system's own template and IDF statistics)"),
        .init("max_length", .number(500), "sessions longer than this keep their first max_length events"),
        .init("batch_size", .number(100), "sessions per batch (per domain)"),
        .init("grad_clip", .number(5.0), "global gradient-norm clip of every optimizer step (0 = off)"),
        .init("class_balance", .bool(false), "weight anomalous and normal sessions equally in L_cls within each batch"),
    ]

    // MARK: ZeroLog (arXiv 2511.05862)

    public static let zeroLog: [HyperparameterSpec] = [
        .init("epochs", .number(10), "passes over the source training sessions"),
        .init("use_meta", .bool(true), "meta-learning (support/query tasks); false = plain joint training"),
        .init("use_adversary", .bool(true), "domain classifier behind gradient reversal; false = no domain adaptation"),
        .init("beta", .number(2.0), "β: weight of the adversarial (domain) loss"),
        .init("gamma", .number(2.5), "γ: weight of the source classification loss"),
        .init("alpha", .number(1.0), "α: meta step — weight of the query loss at the adapted θ' in the outer objective L_sup(θ) + α·L_qry(θ')"),
        .init("delta", .number(3e-3), "δ: inner-loop (SGD) learning rate of θ' = θ − δ∇L_sup(θ)"),
        .init("inner_steps", .number(1), "inner SGD steps on the support set"),
        .init("meta_order", .string("first"), "first (MLDG/FOMAML) or second (finite-difference Hessian-vector product)"),
        .init("meta_form", .string("mldg"), "mldg: outer loss L_sup(θ) + α·L_qry(θ'); maml: α·L_qry(θ') only"),
        .init("outer_lr", .number(2e-3), "Adam learning rate of the outer (meta) update (MetaLog's γ = 2e-3)"),
        .init("class_balance", .bool(true), "weight anomalous and normal sessions equally in L_cls within each batch (without it the adversary collapses the rare-anomaly signal on generated systems)"),
        .init("lr_schedule", .string("constant"), "constant, or dann: lr/(1+10p)^0.75 over training progress p (Ganin & Lempitsky), which damps the adversarial game late in training"),
        .init("domain_hidden", .number(64), "hidden width of the domain-classifier MLP"),
        .init("domain_lr_scale", .number(1.0), "the domain classifier's learning rate = outer_lr × this (a faster critic keeps the adversarial game stable)"),
        .init("grl_lambda", .number(1.0), "gradient-reversal strength λ (its maximum under the dann schedule)"),
        .init("adversary", .string("reversal"), "reversal: the extractor ascends the domain classifier's loss through gradient reversal (DANN, the paper); confusion: it descends the cross-entropy between the frozen classifier's prediction and 50/50 (Tzeng et al. 2015), whose optimum is indistinguishable rather than reversed domains"),
        .init("grl_schedule", .string("dann"), "dann: λ·(2/(1+e^(−10p))−1) over training progress p; constant: λ"),
        .init("selection", .string("last"), "last (final epoch) or source-validation (best source-validation F1)"),
        .init("ema_decay", .number(0.0), "exponential moving average of the parameters over steps, used as the model (0 = off); damps the adversarial game's oscillation"),
    ]

    // MARK: MetaLog (ICSE 2024, Algorithm 1)

    public static let metaLog: [HyperparameterSpec] = [
        .init("epochs", .number(5), "epochs (paper 5; its code 10)"),
        .init("alpha", .number(2e-3), "α: inner step θ' = θ − α∇L_S(θ)"),
        .init("beta", .number(4.0), "β: weight of the meta-test (target) loss (paper 4; its code 1)"),
        .init("gamma", .number(2e-3), "γ: Adam learning rate of the meta-update"),
        .init("source_parts", .number(10), "the source training sessions are cut into this many parts"),
        .init("source_parts_per_epoch", .number(5), "n_s: parts drawn per epoch for meta-train"),
        .init("meta_order", .string("first"), "first (the code's MLDG form) or second (finite-difference HVP)"),
        .init("selection", .string("last"), "last (final epoch) or source-validation (best source-validation F1)"),
        .init("event_norm", .string("none"), "event vectors as prepared (none: MetaLog's code does not normalise them) or l2 (unit length)"),
    ]

    /// Concatenates groups; a later spec with the same name replaces an earlier one.
    public static func merge(_ groups: [HyperparameterSpec]...) -> [HyperparameterSpec] {
        var order: [String] = []
        var byName: [String: HyperparameterSpec] = [:]
        for spec in groups.joined() {
            if byName[spec.name] == nil { order.append(spec.name) }
            byName[spec.name] = spec
        }
        return order.map { byName[$0]! }
    }
}
