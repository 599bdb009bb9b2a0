import NN

/// ZeroLog's hyperparameters, read and checked once (see `HyperparameterGroups.zeroLog`).
///
/// Readings chosen where the paper (arXiv 2511.05862) is silent:
/// - **Meta-task**: support = one batch of labeled source sessions + one batch of unlabeled target
///   sessions; query = the next pair of batches, drawn the same way (so an epoch of N source
///   batches runs N/2 tasks).
/// - **Inner loop**: θ' = θ − δ·∇[γ·L_cls + β·L_adv](support), plain SGD, `inner_steps` steps.
/// - **α (meta step)**: the weight of the query loss at θ' in the outer objective
///   L_sup(θ) + α·L_qry(θ') (MLDG form, like MetaLog's β), minimized with Adam at `outer_lr`. With
///   α = 1.0 this is the reading that trains stably; `meta_form=maml` drops the first term.
/// - **Adversary**: a domain classifier MLP on the pooled representation behind a gradient-reversal
///   layer; λ follows DANN's ramp 2/(1+e^(−10p))−1 over training progress p (`grl_schedule`).
///   `adversary=confusion` swaps the reversal for a domain-confusion loss (see `AdversaryForm`).
/// - **Model selection**: the last epoch (no target labels exist to select with), or the best
///   source-validation F1.
struct ZeroLogSettings {
    var epochs: Int
    var batchSize: Int
    var useMeta: Bool
    var useAdversary: Bool
    var beta: Float
    var gamma: Float
    var alpha: Float
    var delta: Float
    var innerSteps: Int
    var metaOrder: MetaGradientOrder
    var mamlForm: Bool
    var outerRate: Float
    var annealRate: Bool
    var domainHidden: Int
    var domainRateScale: Float
    var reversal: Float
    var adversary: AdversaryForm
    var dannSchedule: Bool
    var gradClip: Float
    var classBalance: Bool
    var selectOnValidation: Bool
    var emaDecay: Float
    var threshold: Double

    init(_ hp: Hyperparameters) throws {
        epochs = try hp.int("epochs", min: 1)
        batchSize = try hp.int("batch_size", min: 1)
        useMeta = try hp.bool("use_meta")
        useAdversary = try hp.bool("use_adversary")
        beta = try hp.float("beta")
        gamma = try hp.float("gamma")
        alpha = try hp.float("alpha")
        delta = try hp.float("delta")
        innerSteps = try hp.int("inner_steps", min: 1)
        metaOrder = try hp.metaOrder()
        mamlForm = try hp.string("meta_form", oneOf: ["mldg", "maml"]) == "maml"
        outerRate = try hp.float("outer_lr")
        annealRate = try hp.string("lr_schedule", oneOf: ["constant", "dann"]) == "dann"
        domainHidden = try hp.int("domain_hidden", min: 1)
        domainRateScale = try hp.float("domain_lr_scale")
        reversal = try hp.float("grl_lambda")
        adversary = AdversaryForm(rawValue: try hp.string("adversary", oneOf: AdversaryForm.allCases.map(\.rawValue)))!
        dannSchedule = try hp.string("grl_schedule", oneOf: ["dann", "constant"]) == "dann"
        gradClip = try hp.float("grad_clip")
        classBalance = try hp.bool("class_balance")
        selectOnValidation = try hp.string("selection", oneOf: ["last", "source-validation"]) == "source-validation"
        threshold = try hp.double("threshold")
        emaDecay = Float(try hp.fraction("ema_decay"))
    }

    /// The outer learning-rate multiplier at training progress `p` ∈ [0, 1].
    func rateMultiplier(progress p: Double) -> Float {
        annealRate ? Float(1 / _pow(1 + 10 * p, 0.75)) : 1
    }

    /// λ at training progress `p` ∈ [0, 1].
    func reversal(progress p: Double) -> Float {
        guard dannSchedule else { return reversal }
        return reversal * Float(2 / (1 + _exp(-10 * p)) - 1)
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
