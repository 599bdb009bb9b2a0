/// The output of an attention pooling op.
public struct AttentionPooled {
    /// Pooled representation `[batch, feature]`.
    public let pooled: Variable
    /// Attention weights `[batch, time]` (zero at padded steps; rows sum to 1, or 0 for empty sequences).
    public let weights: Tensor
}

extension Tape {
    /// Additive attention pooling with a learned guide vector (MetaLog's `LinearAttention`, combination "x,y"):
    /// `s_t = tanh(w[:D]·g + w[D:]·h_t + b)`, `α = masked softmax_t(s)`, `r = Σ_t α_t h_t`. ONE tape node.
    ///
    /// - Parameters:
    ///   - h: `[batch, time, D]`.
    ///   - lengths: valid steps per sequence; steps t ≥ length get α = 0.
    ///   - guide: `g [D]`. weight: `w [2D]`. bias: `b [1]`.
    /// - Returns: pooled `[batch, D]` and weights `[batch, time]`.
    public func additiveAttentionPooling(_ h: Variable, lengths: [Int], guide: Variable, weight: Variable,
                                         bias: Variable) -> AttentionPooled {
        let hv = value(h), gv = value(guide), wv = value(weight), bv = value(bias)
        precondition(hv.rank == 3, "additiveAttentionPooling: h must be [batch, time, D], got \(hv.shape)")
        let B = hv.shape[0], T = hv.shape[1], D = hv.shape[2]
        precondition(gv.count == D && wv.count == 2 * D && bv.count == 1,
                     "additiveAttentionPooling: guide \(gv.shape), weight \(wv.shape), bias \(bv.shape) for D=\(D)")
        precondition(lengths.count == B && lengths.allSatisfy { $0 >= 0 && $0 <= T },
                     "additiveAttentionPooling: lengths must be \(B) values in 0...\(T)")
        var c = bv.scalars[0]
        for j in 0..<D { c += wv.scalars[j] * gv.scalars[j] }
        var s = [Float](repeating: 0, count: B * T)
        var alpha = [Float](repeating: 0, count: B * T)
        var pooled = Tensor(zeros: [B, D])
        hv.scalars.withUnsafeBufferPointer { hp in
        wv.scalars.withUnsafeBufferPointer { wp in
            for b in 0..<B {
                let L = lengths[b]
                guard L > 0 else { continue }
                for t in 0..<L {
                    let row = hp.baseAddress! + (b * T + t) * D
                    s[b * T + t] = VectorMath.tanh(c + VectorMath.dot(wp.baseAddress! + D, row, D))
                }
                var m = -Float.infinity
                for t in 0..<L { m = max(m, s[b * T + t]) }
                var total: Float = 0
                for t in 0..<L { let e = VectorMath.exp(s[b * T + t] - m); alpha[b * T + t] = e; total += e }
                for t in 0..<L {
                    alpha[b * T + t] /= total
                    let a = alpha[b * T + t], row = hp.baseAddress! + (b * T + t) * D
                    for j in 0..<D { pooled.scalars[b * D + j] += a * row[j] }
                }
            }
        }}
        let weights = Tensor(shape: [B, T], scalars: alpha)
        let out = record(pooled, inputs: [h, guide, weight, bias]) { g, needs in
            var dh = hv.zerosLike
            var dw = wv.zerosLike
            var dc: Float = 0
            hv.scalars.withUnsafeBufferPointer { hp in
            g.scalars.withUnsafeBufferPointer { gp in
                for b in 0..<B {
                    let L = lengths[b]
                    guard L > 0 else { continue }
                    let dr = b * D
                    var dAlpha = [Float](repeating: 0, count: L)
                    var weighted: Float = 0
                    for t in 0..<L {
                        let row = hp.baseAddress! + (b * T + t) * D
                        let d = VectorMath.dot(gp.baseAddress! + dr, row, D)
                        dAlpha[t] = d
                        weighted += alpha[b * T + t] * d
                    }
                    for t in 0..<L {
                        let a = alpha[b * T + t], st = s[b * T + t]
                        let du = a * (dAlpha[t] - weighted) * (1 - st * st)
                        dc += du
                        let row = hp.baseAddress! + (b * T + t) * D, o = (b * T + t) * D
                        for j in 0..<D {
                            dh.scalars[o + j] += a * g.scalars[dr + j] + du * wv.scalars[D + j]
                            dw.scalars[D + j] += du * row[j]
                        }
                    }
                }
            }}
            var dg = gv.zerosLike
            for j in 0..<D {
                dw.scalars[j] = dc * gv.scalars[j]
                dg.scalars[j] = dc * wv.scalars[j]
            }
            return [needs[0] ? dh : nil, dg, dw, Tensor(shape: bv.shape, scalars: [dc])]
        }
        return AttentionPooled(pooled: out, weights: weights)
    }

    /// Mean over the valid steps of `h [batch, time, D]` → `[batch, D]` (zero for empty sequences).
    public func maskedMeanPooling(_ h: Variable, lengths: [Int]) -> Variable {
        let hv = value(h)
        precondition(hv.rank == 3 && lengths.count == hv.shape[0], "maskedMeanPooling: h \(hv.shape), \(lengths.count) lengths")
        let B = hv.shape[0], T = hv.shape[1], D = hv.shape[2]
        precondition(lengths.allSatisfy { $0 >= 0 && $0 <= T }, "maskedMeanPooling: a length is outside 0...\(T)")
        var out = Tensor(zeros: [B, D])
        for b in 0..<B where lengths[b] > 0 {
            let inv = 1 / Float(lengths[b])
            for t in 0..<lengths[b] { for j in 0..<D { out.scalars[b * D + j] += inv * hv.scalars[(b * T + t) * D + j] } }
        }
        return record(out, inputs: [h]) { g, _ in
            var dh = hv.zerosLike
            for b in 0..<B where lengths[b] > 0 {
                let inv = 1 / Float(lengths[b])
                for t in 0..<lengths[b] { for j in 0..<D { dh.scalars[(b * T + t) * D + j] = inv * g.scalars[b * D + j] } }
            }
            return [dh]
        }
    }
}
