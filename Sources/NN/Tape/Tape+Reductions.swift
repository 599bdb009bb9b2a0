// MARK: - Reductions and (log-)softmax along the last axis

extension Tape {
    /// Σ of all elements → shape `[]`.
    public func sum(_ x: Variable) -> Variable {
        let xv = value(x)
        var acc: Float = 0
        for v in xv.scalars { acc += v }
        return record(Tensor(scalar: acc), inputs: [x]) { g, _ in [Tensor(repeating: g.scalars[0], shape: xv.shape)] }
    }

    /// Mean of all elements → shape `[]`.
    public func mean(_ x: Variable) -> Variable {
        let n = Float(max(value(x).count, 1))
        return scale(sum(x), 1 / n)
    }

    /// Softmax over the last axis of `x [..., classes]`.
    public func softmax(_ x: Variable) -> Variable {
        let xv = value(x)
        let c = xv.shape.last ?? 1
        var y = xv
        Self.softmaxRows(&y.scalars, cols: c)
        return record(y, inputs: [x]) { g, _ in
            var gx = g
            let rows = gx.count / max(c, 1)
            for r in 0..<rows {  // dx = y ⊙ (g − Σ g⊙y)
                var dot: Float = 0
                for j in 0..<c { dot += g.scalars[r * c + j] * y.scalars[r * c + j] }
                for j in 0..<c { gx.scalars[r * c + j] = y.scalars[r * c + j] * (g.scalars[r * c + j] - dot) }
            }
            return [gx]
        }
    }

    /// log-softmax over the last axis of `x [..., classes]`.
    public func logSoftmax(_ x: Variable) -> Variable {
        let xv = value(x)
        let c = xv.shape.last ?? 1
        var y = xv
        Self.logSoftmaxRows(&y.scalars, cols: c)
        return record(y, inputs: [x]) { g, _ in
            var gx = g
            let rows = gx.count / max(c, 1)
            for r in 0..<rows {  // dx = g − softmax · Σ g
                var s: Float = 0
                for j in 0..<c { s += g.scalars[r * c + j] }
                for j in 0..<c { gx.scalars[r * c + j] = g.scalars[r * c + j] - VectorMath.exp(y.scalars[r * c + j]) * s }
            }
            return [gx]
        }
    }

    /// Numerically stable softmax of each row (length `cols`) in place.
    static func softmaxRows(_ s: inout [Float], cols c: Int) {
        guard c > 0 else { return }
        for r in 0..<(s.count / c) {
            var m = -Float.infinity
            for j in 0..<c { m = max(m, s[r * c + j]) }
            var total: Float = 0
            for j in 0..<c { let e = VectorMath.exp(s[r * c + j] - m); s[r * c + j] = e; total += e }
            for j in 0..<c { s[r * c + j] /= total }
        }
    }

    /// Numerically stable log-softmax of each row in place.
    static func logSoftmaxRows(_ s: inout [Float], cols c: Int) {
        guard c > 0 else { return }
        for r in 0..<(s.count / c) {
            var m = -Float.infinity
            for j in 0..<c { m = max(m, s[r * c + j]) }
            var total: Float = 0
            for j in 0..<c { total += VectorMath.exp(s[r * c + j] - m) }
            let lse = m + _logf(total)
            for j in 0..<c { s[r * c + j] -= lse }
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _logf(_ x: Float) -> Float { Glibc.logf(x) }
@inline(__always) func _log1pf(_ x: Float) -> Float { Glibc.log1pf(x) }
@inline(__always) func _expf(_ x: Float) -> Float { Glibc.expf(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _logf(_ x: Float) -> Float { Darwin.logf(x) }
@inline(__always) func _log1pf(_ x: Float) -> Float { Darwin.log1pf(x) }
@inline(__always) func _expf(_ x: Float) -> Float { Darwin.expf(x) }
#endif
