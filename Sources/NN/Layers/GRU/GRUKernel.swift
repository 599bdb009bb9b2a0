/// Forward and backward kernels for one direction of a GRU layer over a padded batch.
///
/// Gate equations (PyTorch order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz),
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
/// Length masks: at time steps t ≥ length[b] the state is carried unchanged and the output is zero.
/// The reverse direction walks t = T−1 … 0, so it starts (from h = 0) at each sequence's own last
/// valid step. Input projections for all steps are one GEMM; each recurrent step is one GEMM.
enum GRUKernel {
    /// Pointers to one direction's weights: `wih [3H, I]`, `whh [3H, H]`, `bih [3H]`, `bhh [3H]`.
    struct Weights {
        let wih: UnsafePointer<Float>, whh: UnsafePointer<Float>
        let bih: UnsafePointer<Float>, bhh: UnsafePointer<Float>
    }

    /// Problem sizes and the layout of the output `[B, T, outStride]` with this direction at column `outOffset`.
    struct Shape {
        let batch: Int, time: Int, input: Int, hidden: Int
        let outStride: Int, outOffset: Int
        let reverse: Bool
    }

    /// Activations saved by the forward pass, each `[T, B, H]` (time-major).
    struct Cache {
        var hPrev: [Float], r: [Float], z: [Float], n: [Float], hn: [Float]
    }

    /// Where one direction's weight gradients accumulate (same shapes as `Weights`).
    struct GradientPointers {
        let dWih: UnsafeMutablePointer<Float>, dWhh: UnsafeMutablePointer<Float>
        let dbih: UnsafeMutablePointer<Float>, dbhh: UnsafeMutablePointer<Float>
    }

    // MARK: Forward

    /// Runs one direction; writes outputs into `out` (which must be zero at masked positions).
    /// Returns the activations when `saveCache` is true.
    static func forward(x: UnsafePointer<Float>, lengths: [Int], w: Weights, s: Shape,
                        out: UnsafeMutablePointer<Float>, saveCache: Bool) -> Cache? {
        let B = s.batch, T = s.time, I = s.input, H = s.hidden, G = 3 * H
        let bh = B * H
        var xproj = [Float](repeating: 0, count: B * T * G)
        var hg = [Float](repeating: 0, count: B * G)
        var h = [Float](repeating: 0, count: bh)
        let cacheCount = saveCache ? T * bh : bh
        var hPrev = [Float](repeating: 0, count: saveCache ? T * bh : 0)
        var rA = [Float](repeating: 0, count: cacheCount), zA = rA, nA = rA, hnA = rA

        xproj.withUnsafeMutableBufferPointer { xpB in
            let xp = xpB.baseAddress!
            GEMM.broadcastRows(w.bih, rows: B * T, cols: G, into: xp, ldc: G)
            GEMM.sgemm(transA: false, transB: true, m: B * T, n: G, k: I, a: x, lda: I, b: w.wih, ldb: I,
                       beta: 1, c: xp, ldc: G)
            hg.withUnsafeMutableBufferPointer { hgB in
            h.withUnsafeMutableBufferPointer { hB in
            rA.withUnsafeMutableBufferPointer { rB in
            zA.withUnsafeMutableBufferPointer { zB in
            nA.withUnsafeMutableBufferPointer { nB in
            hnA.withUnsafeMutableBufferPointer { hnB in
            hPrev.withUnsafeMutableBufferPointer { hpB in
                let hgp = hgB.baseAddress!, hp = hB.baseAddress!
                for step in 0..<T {
                    let t = s.reverse ? T - 1 - step : step
                    let o = saveCache ? t * bh : 0
                    let R = rB.baseAddress! + o, Z = zB.baseAddress! + o
                    let N = nB.baseAddress! + o, HN = hnB.baseAddress! + o
                    if saveCache { (hpB.baseAddress! + t * bh).update(from: hp, count: bh) }
                    GEMM.broadcastRows(w.bhh, rows: B, cols: G, into: hgp, ldc: G)
                    if step > 0 {
                        GEMM.sgemm(transA: false, transB: true, m: B, n: G, k: H, a: hp, lda: H, b: w.whh, ldb: H,
                                   beta: 1, c: hgp, ldc: G)
                    }
                    for b in 0..<B {
                        let xr = xp + (b * T + t) * G, hr = hgp + b * G, row = b * H
                        for j in 0..<H {
                            R[row + j] = xr[j] + hr[j]
                            Z[row + j] = xr[H + j] + hr[H + j]
                            HN[row + j] = hr[2 * H + j]
                        }
                    }
                    VectorMath.sigmoid(R, count: bh)
                    VectorMath.sigmoid(Z, count: bh)
                    for b in 0..<B {
                        let xr = xp + (b * T + t) * G + 2 * H, row = b * H
                        for j in 0..<H { N[row + j] = xr[j] + R[row + j] * HN[row + j] }
                    }
                    VectorMath.tanh(N, count: bh)
                    for b in 0..<B where t < lengths[b] {
                        let row = b * H
                        let dst = out + (b * T + t) * s.outStride + s.outOffset
                        for j in 0..<H {
                            let z = Z[row + j]
                            let v = (1 - z) * N[row + j] + z * hp[row + j]
                            hp[row + j] = v
                            dst[j] = v
                        }
                    }
                }
            }}}}}}}
        }
        return saveCache ? Cache(hPrev: hPrev, r: rA, z: zA, n: nA, hn: hnA) : nil
    }

    // MARK: Backward

    /// Gradients of one direction. `dOut` is the gradient of the layer output `[B, T, outStride]`.
    /// Accumulates into `dWih [3H, I]`, `dWhh [3H, H]`, `dbih`, `dbhh [3H]` and, when given, `dX [B·T, I]`.
    static func backward(x: UnsafePointer<Float>, lengths: [Int], w: Weights, s: Shape, cache: Cache,
                         dOut: UnsafePointer<Float>, grad: GradientPointers, dX: UnsafeMutablePointer<Float>?) {
        let dWih = grad.dWih, dWhh = grad.dWhh, dbih = grad.dbih, dbhh = grad.dbhh
        let B = s.batch, T = s.time, I = s.input, H = s.hidden, G = 3 * H
        let bh = B * H
        var dGx = [Float](repeating: 0, count: B * T * G)
        var dGh = [Float](repeating: 0, count: T * B * G)
        var dhA = [Float](repeating: 0, count: bh), dhpA = dhA
        dGx.withUnsafeMutableBufferPointer { dGxB in
        dGh.withUnsafeMutableBufferPointer { dGhB in
        cache.hPrev.withUnsafeBufferPointer { hpB in
        cache.r.withUnsafeBufferPointer { rB in
        cache.z.withUnsafeBufferPointer { zB in
        cache.n.withUnsafeBufferPointer { nB in
        cache.hn.withUnsafeBufferPointer { hnB in
        dhA.withUnsafeMutableBufferPointer { dhB in
        dhpA.withUnsafeMutableBufferPointer { dhpB in
            let gx0 = dGxB.baseAddress!, gh0 = dGhB.baseAddress!
            var dh = dhB.baseAddress!, dhp = dhpB.baseAddress!
            for step in 0..<T {
                let t = s.reverse ? step : T - 1 - step
                let o = t * bh
                let R = rB.baseAddress! + o, Z = zB.baseAddress! + o, N = nB.baseAddress! + o
                let HN = hnB.baseAddress! + o, HP = hpB.baseAddress! + o
                for b in 0..<B {
                    let row = b * H
                    let gh = gh0 + (t * B + b) * G
                    guard t < lengths[b] else {
                        (dhp + row).update(from: dh + row, count: H)  // state carried: gradient passes through
                        continue
                    }
                    let gx = gx0 + (b * T + t) * G
                    let go = dOut + (b * T + t) * s.outStride + s.outOffset
                    for j in 0..<H {
                        let d = dh[row + j] + go[j]
                        let r = R[row + j], z = Z[row + j], n = N[row + j]
                        let dnp = d * (1 - z) * (1 - n * n)
                        let dzp = d * (HP[row + j] - n) * z * (1 - z)
                        let drp = dnp * HN[row + j] * r * (1 - r)
                        gx[j] = drp; gx[H + j] = dzp; gx[2 * H + j] = dnp
                        gh[j] = drp; gh[H + j] = dzp; gh[2 * H + j] = dnp * r
                        dhp[row + j] = d * z
                    }
                }
                if step < T - 1 {  // the first processed step saw h = 0: nothing flows further back
                    GEMM.sgemm(transA: false, transB: false, m: B, n: H, k: G, a: gh0 + t * B * G, lda: G,
                               b: w.whh, ldb: H, beta: 1, c: dhp, ldc: H)
                }
                swap(&dh, &dhp)
            }
            // Weight gradients as single GEMMs over all steps.
            GEMM.sgemm(transA: true, transB: false, m: G, n: H, k: T * B, a: gh0, lda: G, b: hpB.baseAddress!, ldb: H,
                       beta: 1, c: dWhh, ldc: H)
            GEMM.addColumnSums(gh0, rows: T * B, cols: G, ld: G, into: dbhh)
            GEMM.sgemm(transA: true, transB: false, m: G, n: I, k: B * T, a: gx0, lda: G, b: x, ldb: I,
                       beta: 1, c: dWih, ldc: I)
            GEMM.addColumnSums(gx0, rows: B * T, cols: G, ld: G, into: dbih)
            if let dX {
                GEMM.sgemm(transA: false, transB: false, m: B * T, n: I, k: G, a: gx0, lda: G, b: w.wih, ldb: I,
                           beta: 1, c: dX, ldc: I)
            }
        }}}}}}}}}
    }
}
