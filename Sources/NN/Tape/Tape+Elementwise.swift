// MARK: - Elementwise ops (same shapes; no broadcasting except scalars and `addBias`)

extension Tape {
    private func checkSame(_ a: Variable, _ b: Variable, _ op: String) {
        precondition(shape(a) == shape(b), "\(op): shapes differ \(shape(a)) vs \(shape(b))")
    }

    private func zipValues(_ a: Variable, _ b: Variable, _ f: (Float, Float) -> Float) -> Tensor {
        let av = value(a), bv = value(b)
        var out = av
        out.scalars.withUnsafeMutableBufferPointer { o in
            bv.scalars.withUnsafeBufferPointer { bp in for i in 0..<o.count { o[i] = f(o[i], bp[i]) } }
        }
        return out
    }

    /// a + b.
    public func add(_ a: Variable, _ b: Variable) -> Variable {
        checkSame(a, b, "add")
        return record(zipValues(a, b, +), inputs: [a, b]) { g, needs in [needs[0] ? g : nil, needs[1] ? g : nil] }
    }

    /// a − b.
    public func sub(_ a: Variable, _ b: Variable) -> Variable {
        checkSame(a, b, "sub")
        return record(zipValues(a, b, -), inputs: [a, b]) { g, needs in [needs[0] ? g : nil, needs[1] ? g.scaled(-1) : nil] }
    }

    /// a ⊙ b.
    public func mul(_ a: Variable, _ b: Variable) -> Variable {
        checkSame(a, b, "mul")
        let av = value(a), bv = value(b)
        return record(zipValues(a, b, *), inputs: [a, b]) { g, needs in
            var ga: Tensor? = nil, gb: Tensor? = nil
            if needs[0] { var t = g; for i in 0..<t.count { t.scalars[i] *= bv.scalars[i] }; ga = t }
            if needs[1] { var t = g; for i in 0..<t.count { t.scalars[i] *= av.scalars[i] }; gb = t }
            return [ga, gb]
        }
    }

    /// c · x.
    public func scale(_ x: Variable, _ c: Float) -> Variable {
        record(value(x).scaled(c), inputs: [x]) { g, _ in [g.scaled(c)] }
    }

    /// x + c.
    public func addScalar(_ x: Variable, _ c: Float) -> Variable {
        var v = value(x)
        for i in 0..<v.count { v.scalars[i] += c }
        return record(v, inputs: [x]) { g, _ in [g] }
    }

    /// Gradient reversal layer: identity forward, −λ·g backward (Ganin & Lempitsky 2015).
    public func gradientReversal(_ x: Variable, lambda: Float = 1) -> Variable {
        record(value(x), inputs: [x]) { g, _ in [g.scaled(-lambda)] }
    }

    /// Unary op whose derivative is a function of the output `y` (and the input `x`).
    private func unary(_ x: Variable, forward: (inout [Float]) -> Void,
                       derivative: @escaping (_ x: Float, _ y: Float) -> Float) -> Variable {
        let xv = value(x)
        var y = xv
        forward(&y.scalars)
        return record(y, inputs: [x]) { g, _ in
            var gx = g
            gx.scalars.withUnsafeMutableBufferPointer { gp in
                xv.scalars.withUnsafeBufferPointer { xp in
                    y.scalars.withUnsafeBufferPointer { yp in
                        for i in 0..<gp.count { gp[i] *= derivative(xp[i], yp[i]) }
                    }
                }
            }
            return [gx]
        }
    }

    /// Logistic sigmoid (vectorized exp).
    public func sigmoid(_ x: Variable) -> Variable {
        unary(x, forward: { $0.applyVector(VectorMath.sigmoid) }, derivative: { _, y in y * (1 - y) })
    }

    /// tanh (vectorized exp).
    public func tanh(_ x: Variable) -> Variable {
        unary(x, forward: { $0.applyVector(VectorMath.tanh) }, derivative: { _, y in 1 - y * y })
    }

    /// max(x, 0).
    public func relu(_ x: Variable) -> Variable {
        unary(x, forward: { s in for i in 0..<s.count where s[i] < 0 { s[i] = 0 } },
              derivative: { x, _ in x > 0 ? 1 : 0 })
    }

    /// Inverted dropout: zeroes each element with probability `p` and scales survivors by 1/(1−p).
    /// Identity when the tape is not training or `p == 0`. The mask is drawn from `rng`.
    public func dropout(_ x: Variable, p: Float, rng: inout SeededGenerator) -> Variable {
        precondition(p >= 0 && p < 1, "dropout: p must be in [0, 1), got \(p)")
        guard isTraining, p > 0 else { return x }
        let keep = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: value(x).count)
        for i in 0..<mask.count { mask[i] = rng.nextUnitFloat() < p ? 0 : keep }
        var y = value(x)
        for i in 0..<y.count { y.scalars[i] *= mask[i] }
        return record(y, inputs: [x]) { g, _ in
            var gx = g
            for i in 0..<gx.count { gx.scalars[i] *= mask[i] }
            return [gx]
        }
    }
}
