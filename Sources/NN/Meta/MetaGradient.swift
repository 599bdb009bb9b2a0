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

/// MAML and MLDG meta-gradients over loss closures.
public enum MetaGradient {
    /// Finite-difference Hessian-vector product of `loss` at `theta`:
    /// H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε with ε = `step` / ‖v‖, so the probe points lie `step` away
    /// from θ in parameter space whatever the scale of v. Zero when v = 0.
    public static func hessianVectorProduct(of loss: LossAndGradient, at theta: ParameterSet,
                                            vector v: ParameterSet, step: Float = 1e-2) throws -> ParameterSet {
        let norm = Float(v.norm)
        guard norm > 0 else { return theta.zerosLike() }
        let eps = step / norm
        let plus = try loss(theta.adding(v, scaledBy: eps)).gradient
        let minus = try loss(theta.adding(v, scaledBy: -eps)).gradient
        return plus.adding(minus, scaledBy: -1).scaled(1 / (2 * eps))
    }

    /// MAML meta-gradient of L_query(θ − α∇L_support(θ)) with respect to θ.
    ///
    /// - first order: ∇L_query(θ').
    /// - second order: (I − α H_support(θ)) ∇L_query(θ'), H·v by finite differences (`hvpStep`).
    public static func maml(at theta: ParameterSet, support: LossAndGradient, query: LossAndGradient,
                            innerLearningRate alpha: Float, order: MetaGradientOrder,
                            hvpStep: Float = 1e-2) throws -> MetaGradientResult {
        let (ls, gs) = try support(theta)
        let adapted = theta.adding(gs, scaledBy: -alpha)
        let (lq, gq) = try query(adapted)
        var meta = gq
        if order == .second {
            let hv = try hessianVectorProduct(of: support, at: theta, vector: gq, step: hvpStep)
            meta.addScaled(hv, -alpha)
        }
        return MetaGradientResult(supportLoss: ls, queryLoss: lq, adapted: adapted, gradient: meta)
    }

    /// MLDG (Li et al. 2018) as used by MetaLog: ∇L_support(θ) + β·∇_θ L_query(θ − α∇L_support(θ)),
    /// the second term first or second order as in `maml`.
    public static func mldg(at theta: ParameterSet, support: LossAndGradient, query: LossAndGradient,
                            innerLearningRate alpha: Float, queryWeight beta: Float, order: MetaGradientOrder,
                            hvpStep: Float = 1e-2) throws -> MetaGradientResult {
        let (ls, gs) = try support(theta)
        let adapted = theta.adding(gs, scaledBy: -alpha)
        let (lq, gq) = try query(adapted)
        var outer = gq
        if order == .second {
            let hv = try hessianVectorProduct(of: support, at: theta, vector: gq, step: hvpStep)
            outer.addScaled(hv, -alpha)
        }
        return MetaGradientResult(supportLoss: ls, queryLoss: lq, adapted: adapted,
                                  gradient: gs.adding(outer, scaledBy: beta))
    }
}
