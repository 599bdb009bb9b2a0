/// A loss evaluated at a parameter point, with its gradient there.
public typealias LossAndGradient = (ParameterSet) throws -> (loss: Float, gradient: ParameterSet)

/// First order drops the Hessian term; second order keeps it through a finite-difference
/// Hessian-vector product (two extra gradient passes, no double-backward).
public enum MetaGradientOrder: String, Sendable, Codable, CaseIterable {
    case first, second
}

/// The result of one meta-gradient evaluation.
public struct MetaGradientResult: Sendable {
    /// L_support(θ).
    public var supportLoss: Float
    /// L_query(θ') with θ' = θ − α∇L_support(θ).
    public var queryLoss: Float
    /// The adapted parameters θ'.
    public var adapted: ParameterSet
    /// The meta-gradient with respect to θ.
    public var gradient: ParameterSet
}

/// Inner-loop adaptation of θ on a support loss and the meta-gradient of a query loss at the
/// adapted point: the one computation behind `maml`, `mldg` and the trainers (ZeroLog, MetaLog).
public struct MetaAdaptation: Sendable {
    /// L_support(θ) at the starting point.
    public var supportLoss: Float
    /// ∇L_support(θ) at the starting point (the MLDG outer objective's first term).
    public var supportGradient: ParameterSet
    /// θ' = θ_K after K inner SGD steps θ_{k+1} = θ_k − α∇L_support(θ_k).
    public var adapted: ParameterSet
    /// L_query(θ').
    public var queryLoss: Float
    /// d L_query(θ'(θ)) / dθ: first order ∇L_query(θ'); second order Π_k (I − α H_support(θ_k)) ∇L_query(θ').
    public var queryGradient: ParameterSet
}

/// MAML and MLDG meta-gradients over loss closures.
public enum MetaGradient {
    /// Finite-difference Hessian-vector product of `loss` at `theta`:
    /// H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε with ε = `step` / ‖v‖, so the probe points lie `step` away
    /// from θ in parameter space whatever the scale of v. Zero when v = 0.
    public static func hessianVectorProduct(of loss: LossAndGradient, at theta: ParameterSet,
                                            vector v: ParameterSet, step: Float = 1e-2) rethrows -> ParameterSet {
        let norm = Float(v.norm)
        guard norm > 0 else { return theta.zerosLike() }
        let eps = step / norm
        let plus = try loss(theta.adding(v, scaledBy: eps)).gradient
        let minus = try loss(theta.adding(v, scaledBy: -eps)).gradient
        return plus.adding(minus, scaledBy: -1).scaled(1 / (2 * eps))
    }

    /// `innerSteps` SGD steps on `support` from θ at rate α, then the meta-gradient of `query` at the
    /// adapted point. Second order back-propagates through every inner step with one finite-difference
    /// Hessian-vector product per step (two extra support-gradient passes each, no double backward).
    public static func adapt(at theta: ParameterSet, support: LossAndGradient, query: LossAndGradient,
                             innerLearningRate alpha: Float, innerSteps: Int = 1, order: MetaGradientOrder,
                             hvpStep: Float = 1e-2) rethrows -> MetaAdaptation {
        let (supportLoss, supportGradient) = try support(theta)
        var trajectory = [theta]
        var current = theta.adding(supportGradient, scaledBy: -alpha)
        for _ in 1..<max(innerSteps, 1) {
            trajectory.append(current)
            current = current.adding(try support(current).gradient, scaledBy: -alpha)
        }
        var (queryLoss, v) = try query(current)
        if order == .second {
            for point in trajectory.reversed() {
                v.addScaled(try hessianVectorProduct(of: support, at: point, vector: v, step: hvpStep), -alpha)
            }
        }
        return MetaAdaptation(supportLoss: supportLoss, supportGradient: supportGradient, adapted: current,
                              queryLoss: queryLoss, queryGradient: v)
    }

    /// MAML meta-gradient of L_query(θ − α∇L_support(θ)) with respect to θ.
    ///
    /// - first order: ∇L_query(θ').
    /// - second order: (I − α H_support(θ)) ∇L_query(θ'), H·v by finite differences (`hvpStep`).
    public static func maml(at theta: ParameterSet, support: LossAndGradient, query: LossAndGradient,
                            innerLearningRate alpha: Float, order: MetaGradientOrder,
                            hvpStep: Float = 1e-2) rethrows -> MetaGradientResult {
        let a = try adapt(at: theta, support: support, query: query, innerLearningRate: alpha, order: order, hvpStep: hvpStep)
        return MetaGradientResult(supportLoss: a.supportLoss, queryLoss: a.queryLoss, adapted: a.adapted,
                                  gradient: a.queryGradient)
    }

    /// MLDG (Li et al. 2018) as used by MetaLog: ∇L_support(θ) + β·∇_θ L_query(θ − α∇L_support(θ)),
    /// the second term first or second order as in `maml`.
    public static func mldg(at theta: ParameterSet, support: LossAndGradient, query: LossAndGradient,
                            innerLearningRate alpha: Float, queryWeight beta: Float, order: MetaGradientOrder,
                            hvpStep: Float = 1e-2) rethrows -> MetaGradientResult {
        let a = try adapt(at: theta, support: support, query: query, innerLearningRate: alpha, order: order, hvpStep: hvpStep)
        return MetaGradientResult(supportLoss: a.supportLoss, queryLoss: a.queryLoss, adapted: a.adapted,
                                  gradient: a.supportGradient.adding(a.queryGradient, scaledBy: beta))
    }
}
