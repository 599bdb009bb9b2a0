import NN

/// Inner-loop adaptation and the meta-gradient of a query loss at the adapted parameters.
///
/// θ₀ = θ, θ_{k+1} = θ_k − δ·∇L_sup(θ_k) for `innerSteps` steps, θ' = θ_K. The meta-gradient of
/// L_qry(θ') with respect to θ is
/// - first order (MLDG / FOMAML): g = ∇L_qry(θ') (dθ'/dθ ≈ I);
/// - second order: g = Π_k (I − δ·H_sup(θ_k)) ∇L_qry(θ'), each Hessian-vector product by central
///   finite differences (∇L_sup(θ_k + εv) − ∇L_sup(θ_k − εv)) / 2ε, ε = `fdScale` / ‖v‖ — two extra
///   gradient passes per inner step, no double backward.
struct MetaGradient {
    var innerRate: Float
    var innerSteps: Int
    var secondOrder: Bool
    var fdScale: Float = 1e-2

    struct Result {
        /// ∇L_sup(θ) at the starting point (the MLDG outer objective's first term).
        var supportGradient: ParameterSet
        /// The meta-gradient of L_qry(θ'(θ)) with respect to θ.
        var queryGradient: ParameterSet
        /// The adapted parameters θ'.
        var adapted: ParameterSet
    }

    /// - Parameters:
    ///   - support: gradient of the support loss at a point.
    ///   - query: gradient of the query loss at a point.
    func callAsFunction(_ theta: ParameterSet, support: (ParameterSet) -> ParameterSet,
                        query: (ParameterSet) -> ParameterSet) -> Result {
        var trajectory = [theta]
        var current = theta
        var first: ParameterSet?
        for _ in 0..<max(innerSteps, 1) {
            let g = support(current)
            if first == nil { first = g }
            current = current.adding(g, scaledBy: -innerRate)
            trajectory.append(current)
        }
        var v = query(current)
        if secondOrder {
            for k in stride(from: trajectory.count - 2, through: 0, by: -1) {
                let norm = Float(v.norm)
                guard norm > 0 else { break }
                let eps = fdScale / norm
                let plus = support(trajectory[k].adding(v, scaledBy: eps))
                let minus = support(trajectory[k].adding(v, scaledBy: -eps))
                let hv = (plus - minus).scaled(1 / (2 * eps))
                v = v.adding(hv, scaledBy: -innerRate)
            }
        }
        return Result(supportGradient: first!, queryGradient: v, adapted: current)
    }
}
