// MARK: - Matrix products and affine maps

extension Tape {
    /// C = op(A) · op(B) for rank-2 `a`, `b`; `transposeA` / `transposeB` select op = transpose.
    /// Shapes: op(A) `[m, k]`, op(B) `[k, n]` → `[m, n]`.
    public func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        let av = value(a), bv = value(b)
        precondition(av.rank == 2 && bv.rank == 2, "matmul: needs rank-2 tensors, got \(av.shape) and \(bv.shape)")
        let (m, k) = transposeA ? (av.shape[1], av.shape[0]) : (av.shape[0], av.shape[1])
        let (k2, n) = transposeB ? (bv.shape[1], bv.shape[0]) : (bv.shape[0], bv.shape[1])
        precondition(k == k2, "matmul: inner dimensions differ: \(av.shape)\(transposeA ? "ᵀ" : "") · \(bv.shape)\(transposeB ? "ᵀ" : "")")
        let out = Self.gemm(av, transposeA, bv, transposeB, m: m, n: n, k: k)
        return record(out, inputs: [a, b]) { g, needs in
            var ga: Tensor? = nil, gb: Tensor? = nil
            if needs[0] {  // dA = g · op(B)ᵀ, transposed back when A was transposed
                ga = transposeA ? Self.gemm(bv, transposeB, g, true, m: k, n: m, k: n)
                                : Self.gemm(g, false, bv, !transposeB, m: m, n: k, k: n)
            }
            if needs[1] {  // dB = op(A)ᵀ · g
                gb = transposeB ? Self.gemm(g, true, av, transposeA, m: n, n: k, k: m)
                                : Self.gemm(av, !transposeA, g, false, m: k, n: n, k: m)
            }
            return [ga, gb]
        }
    }

    /// `op(a) · op(b)` as a fresh `[m, n]` tensor (a, b stored row-major untransposed).
    static func gemm(_ a: Tensor, _ ta: Bool, _ b: Tensor, _ tb: Bool, m: Int, n: Int, k: Int) -> Tensor {
        var c = Tensor(zeros: [m, n])
        a.scalars.withUnsafeBufferPointer { ap in
            b.scalars.withUnsafeBufferPointer { bp in
                c.scalars.withUnsafeMutableBufferPointer { cp in
                    GEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: ap.baseAddress!, lda: a.shape[1],
                               b: bp.baseAddress!, ldb: b.shape[1], beta: 0, c: cp.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    /// Adds `bias[features]` to every row of `x[..., features]`.
    public func addBias(_ x: Variable, _ bias: Variable) -> Variable {
        let xv = value(x), bv = value(bias)
        let f = bv.count
        precondition(xv.shape.last == f, "addBias: x \(xv.shape) vs bias \(bv.shape)")
        var out = xv
        let rows = xv.count / max(f, 1)
        out.scalars.withUnsafeMutableBufferPointer { o in
            bv.scalars.withUnsafeBufferPointer { b in
                for r in 0..<rows { for j in 0..<f { o[r * f + j] += b[j] } }
            }
        }
        return record(out, inputs: [x, bias]) { g, needs in
            var gb: Tensor? = nil
            if needs[1] {
                var s = Tensor(zeros: bv.shape)
                g.scalars.withUnsafeBufferPointer { gp in
                    s.scalars.withUnsafeMutableBufferPointer { sp in
                        GEMM.addColumnSums(gp.baseAddress!, rows: rows, cols: f, ld: f, into: sp.baseAddress!)
                    }
                }
                gb = s
            }
            return [needs[0] ? g : nil, gb]
        }
    }

    /// PyTorch `nn.Linear`: `y = x · Wᵀ + b` with `x [n, in]`, `weight [out, in]`, `bias [out]` → `[n, out]`.
    /// One tape node.
    public func linear(_ x: Variable, weight: Variable, bias: Variable?) -> Variable {
        let xv = value(x), wv = value(weight)
        precondition(xv.rank == 2 && wv.rank == 2 && xv.shape[1] == wv.shape[1],
                     "linear: x \(xv.shape) vs weight \(wv.shape) (expects x [n, in], weight [out, in])")
        let n = xv.shape[0], inF = wv.shape[1], outF = wv.shape[0]
        var y = Tensor(zeros: [n, outF])
        let bv = bias.map { value($0) }
        if let bv {
            precondition(bv.count == outF, "linear: bias \(bv.shape) vs weight \(wv.shape)")
            bv.scalars.withUnsafeBufferPointer { b in
                y.scalars.withUnsafeMutableBufferPointer { GEMM.broadcastRows(b.baseAddress!, rows: n, cols: outF, into: $0.baseAddress!, ldc: outF) }
            }
        }
        xv.scalars.withUnsafeBufferPointer { xp in
            wv.scalars.withUnsafeBufferPointer { wp in
                y.scalars.withUnsafeMutableBufferPointer { yp in
                    GEMM.sgemm(transA: false, transB: true, m: n, n: outF, k: inF, a: xp.baseAddress!, lda: inF,
                               b: wp.baseAddress!, ldb: inF, beta: 1, c: yp.baseAddress!, ldc: outF)
                }
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return record(y, inputs: inputs) { g, needs in
            var out: [Tensor?] = [nil, nil, nil]
            if needs[0] { out[0] = Self.gemm(g, false, wv, false, m: n, n: inF, k: outF) }
            if needs[1] { out[1] = Self.gemm(g, true, xv, false, m: outF, n: inF, k: n) }
            if needs.count > 2, needs[2] {
                var s = Tensor(zeros: [outF])
                g.scalars.withUnsafeBufferPointer { gp in
                    s.scalars.withUnsafeMutableBufferPointer { GEMM.addColumnSums(gp.baseAddress!, rows: n, cols: outF, ld: outF, into: $0.baseAddress!) }
                }
                out[2] = s
            }
            return Array(out.prefix(inputs.count))
        }
    }
}
