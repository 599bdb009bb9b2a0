// MARK: - Vector-space operations over all parameters (outside the tape)

extension ParameterSet {
    /// Same names and shapes, all zeros.
    public func zerosLike() -> ParameterSet { map { $0.zerosLike } }

    /// Applies `f` to every tensor, keeping names.
    public func map(_ f: (Tensor) -> Tensor) -> ParameterSet {
        ParameterSet(zip(names, tensors).map { ($0.0, f($0.1)) })
    }

    /// Checks that `other` has the same names (in the same order) and shapes.
    public func assertCompatible(_ other: ParameterSet, _ op: String) {
        precondition(names == other.names, "ParameterSet.\(op): names differ (\(names.prefix(4)) vs \(other.names.prefix(4)))")
        for (a, b) in zip(tensors, other.tensors) {
            precondition(a.shape == b.shape, "ParameterSet.\(op): shapes differ \(a.shape) vs \(b.shape)")
        }
    }

    /// `self += alpha · other` (axpy).
    public mutating func addScaled(_ other: ParameterSet, _ alpha: Float = 1) {
        assertCompatible(other, "addScaled")
        for i in 0..<count { update(at: i) { $0.addScaled(other.tensors[i], alpha) } }
    }

    /// `self + alpha · other`, e.g. θ' = θ.adding(g, scaledBy: −α).
    public func adding(_ other: ParameterSet, scaledBy alpha: Float = 1) -> ParameterSet {
        var out = self
        out.addScaled(other, alpha)
        return out
    }

    /// Every tensor multiplied by `factor`.
    public func scaled(_ factor: Float) -> ParameterSet { map { $0.scaled(factor) } }

    /// Σ self·other over all scalars (accumulated in Double).
    public func dot(_ other: ParameterSet) -> Double {
        assertCompatible(other, "dot")
        var acc = 0.0
        for (a, b) in zip(tensors, other.tensors) {
            for i in 0..<a.count { acc += Double(a.scalars[i]) * Double(b.scalars[i]) }
        }
        return acc
    }

    /// Euclidean norm over all scalars.
    public var norm: Double { tensors.reduce(0.0) { $0 + $1.squaredNorm }.squareRoot() }

    /// All scalars concatenated in name order.
    public var flattened: [Float] { tensors.flatMap(\.scalars) }

    /// Largest absolute elementwise difference to `other`.
    public func maxAbsDifference(_ other: ParameterSet) -> Float {
        assertCompatible(other, "maxAbsDifference")
        return zip(tensors, other.tensors).reduce(0) { max($0, $1.0.maxAbsDifference($1.1)) }
    }

    public static func + (a: ParameterSet, b: ParameterSet) -> ParameterSet { a.adding(b) }
    public static func - (a: ParameterSet, b: ParameterSet) -> ParameterSet { a.adding(b, scaledBy: -1) }
    public static func * (s: Float, a: ParameterSet) -> ParameterSet { a.scaled(s) }
}
