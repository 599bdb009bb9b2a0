extension Tape {
    /// Masked scaled dot-product self-attention followed by a masked mean over time (MetaLog paper
    /// eq. 4, then pooling). ONE tape node over precomputed projections.
    ///
    /// For each sequence with L = length valid steps: `A = softmax(Q Kᵀ / √D)` over valid keys,
    /// `O = A V`, pooled `= (1/L) Σ_{t<L} O_t`. Returned weights are `ā_u = (1/L) Σ_t A_tu`
    /// (how much each step contributes to the pooled vector), zero at padding.
    ///
    /// - Parameters: q, k, v: `[batch, time, D]`; lengths: valid steps per sequence.
    /// - Returns: pooled `[batch, D]`, weights `[batch, time]`.
    public func selfAttentionMeanPooling(query q: Variable, key k: Variable, value v: Variable,
                                         lengths: [Int]) -> AttentionPooled {
        let qv = value(q), kv = value(k), vv = value(v)
        precondition(qv.rank == 3 && qv.shape == kv.shape && qv.shape == vv.shape,
                     "selfAttentionMeanPooling: q \(qv.shape), k \(kv.shape), v \(vv.shape) must all be [batch, time, D]")
        let B = qv.shape[0], T = qv.shape[1], D = qv.shape[2]
        precondition(lengths.count == B && lengths.allSatisfy { $0 >= 0 && $0 <= T },
                     "selfAttentionMeanPooling: lengths must be \(B) values in 0...\(T)")
        let scale = 1 / Float(D).squareRoot()
        var attention = [Float](repeating: 0, count: B * T * T)  // A[b, t, u]
        var mean = [Float](repeating: 0, count: B * T)           // ā[b, u]
        var pooled = Tensor(zeros: [B, D])
        for b in 0..<B {
            let L = lengths[b]
            guard L > 0 else { continue }
            for t in 0..<L {
                let a = b * T * T + t * T
                for u in 0..<L {
                    var s: Float = 0
                    for j in 0..<D { s += qv.scalars[(b * T + t) * D + j] * kv.scalars[(b * T + u) * D + j] }
                    attention[a + u] = s * scale
                }
                var m = -Float.infinity
                for u in 0..<L { m = max(m, attention[a + u]) }
                var total: Float = 0
                for u in 0..<L { let e = VectorMath.exp(attention[a + u] - m); attention[a + u] = e; total += e }
                for u in 0..<L { attention[a + u] /= total; mean[b * T + u] += attention[a + u] / Float(L) }
            }
            for u in 0..<L {
                for j in 0..<D { pooled.scalars[b * D + j] += mean[b * T + u] * vv.scalars[(b * T + u) * D + j] }
            }
        }
        let weights = Tensor(shape: [B, T], scalars: mean)
        let out = record(pooled, inputs: [q, k, v]) { g, _ in
            var dq = qv.zerosLike, dk = kv.zerosLike, dv = vv.zerosLike
            for b in 0..<B {
                let L = lengths[b]
                guard L > 0 else { continue }
                var dMean = [Float](repeating: 0, count: L)
                for u in 0..<L {
                    var d: Float = 0
                    for j in 0..<D {
                        d += g.scalars[b * D + j] * vv.scalars[(b * T + u) * D + j]
                        dv.scalars[(b * T + u) * D + j] = mean[b * T + u] * g.scalars[b * D + j]
                    }
                    dMean[u] = d / Float(L)  // dA[t, u] for every valid t
                }
                for t in 0..<L {
                    let a = b * T * T + t * T
                    var dot: Float = 0
                    for u in 0..<L { dot += attention[a + u] * dMean[u] }
                    for u in 0..<L {
                        let ds = attention[a + u] * (dMean[u] - dot) * scale
                        guard ds != 0 else { continue }
                        for j in 0..<D {
                            dq.scalars[(b * T + t) * D + j] += ds * kv.scalars[(b * T + u) * D + j]
                            dk.scalars[(b * T + u) * D + j] += ds * qv.scalars[(b * T + t) * D + j]
                        }
                    }
                }
            }
            return [dq, dk, dv]
        }
        return AttentionPooled(pooled: out, weights: weights)
    }
}

/// Q/K/V self-attention pooling as a module: `<prefix>query.weight`, `<prefix>key.weight`,
/// `<prefix>value.weight`, each `[D, D]` (no bias), PyTorch Linear initialization.
public struct SelfAttention: Sendable, Equatable, Codable {
    public var size: Int
    public var prefix: String

    public init(size: Int, prefix: String = "attention.") { self.size = size; self.prefix = prefix }

    var projections: [Linear] {
        ["query.", "key.", "value."].map { Linear(size, size, prefix: prefix + $0, bias: false) }
    }

    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        projections.reduce(ParameterSet()) { $0.merging($1.initialParameters(rng: &rng)) }
    }

    /// `h [batch, time, size]` → pooled `[batch, size]` and weights `[batch, time]`.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ h: Variable, lengths: [Int]) -> AttentionPooled {
        let shape = tape.shape(h)
        let flat = tape.reshape(h, [shape[0] * shape[1], shape[2]])
        let qkv = projections.map { tape.reshape($0(tape, p, flat), shape) }
        return tape.selfAttentionMeanPooling(query: qkv[0], key: qkv[1], value: qkv[2], lengths: lengths)
    }
}
