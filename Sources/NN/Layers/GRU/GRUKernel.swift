/// Forward and backward kernels for one direction of a GRU layer over a padded batch.
///
/// Gate equations (PyTorch order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz),
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
/// Length masks: at time steps t ≥ length[b] the state is carried unchanged and the output is zero.
/// The reverse direction walks t = T−1 … 0, so it starts (from h = 0) at each sequence's own last
/// valid step. Input projections (computed by the caller, both directions in one GEMM) come in
/// precomputed; each recurrent step is one GEMM.
enum GRUKernel {
    /// Pointers to one direction's recurrent weights: `whh [3H, H]`, its transpose `whhT [H, 3H]`
    /// (the forward step is then a plain NN GEMM, which OpenBLAS runs faster), `bhh [3H]`.
    struct Weights {
        let whh: UnsafePointer<Float>, whhT: UnsafePointer<Float>, bhh: UnsafePointer<Float>
        /// `b_ih [3H]`: added inside the step kernel (the projection GEMM runs with beta = 0).
        let bih: UnsafePointer<Float>
    }

    /// Problem sizes and the layout of the output, TIME-MAJOR `[T, B, outStride]` with this direction at
    /// column `outOffset` (the caller transposes; per-step rows are then contiguous).
    struct Shape {
        let batch: Int, time: Int, hidden: Int
        let outStride: Int, outOffset: Int
        let reverse: Bool
    }

    /// Activations saved by the forward pass, each `[T, B, H]` (time-major).
    struct Cache {
        var hPrev: [Float], r: [Float], z: [Float], n: [Float], hn: [Float]
    }

    typealias V = SIMD8<Float>

    /// A `[Float]` of `count` elements whose contents the caller overwrites entirely (no memset).
    @inline(__always)
    static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, n in n = count }
    }

    // MARK: Forward

    /// Runs one direction; writes outputs into time-major `out` (which must be zero at masked positions).
    /// Returns the activations when `saveCache` is true.
    /// The input projection `W_ih x` (no bias) is computed in chunks of `chunkSteps` time steps just
    /// before the recurrence reaches them, so the step kernel reads it from cache, not memory.
    ///
    /// - Parameters:
    ///   - xTimeMajor: the layer input, time-major `[T, B, I]`.
    ///   - wih: this direction's `[3H, I]`.
    static func forward(xTimeMajor xt: UnsafePointer<Float>, input I: Int, wih: UnsafePointer<Float>,
                        lengths: [Int], w: Weights, s: Shape,
                        out: UnsafeMutablePointer<Float>, saveCache: Bool) -> Cache? {
        let B = s.batch, T = s.time, H = s.hidden, G = 3 * H
        let bh = B * H
        let chunkSteps = 4
        var chunk = uninitialized(chunkSteps * B * G)
        var chunkStart = -1  // first time index held in `chunk`
        var hg = [Float](repeating: 0, count: B * G)  // W_hh h (no bias); zero for the first step
        var h = [Float](repeating: 0, count: bh)
        // Biases folded into the step: r and z take b_ih + b_hh; n takes b_in outside and b_hn inside r ⊙ (·).
        var biasRZ = [Float](repeating: 0, count: 2 * H)
        for j in 0..<(2 * H) { biasRZ[j] = w.bih[j] + w.bhh[j] }
        let cacheCount = saveCache ? T * bh : 0
        var hPrev = uninitialized(cacheCount), rA = uninitialized(cacheCount), zA = uninitialized(cacheCount)
        var nA = uninitialized(cacheCount), hnA = uninitialized(cacheCount)

        do {
            hg.withUnsafeMutableBufferPointer { hgB in
            h.withUnsafeMutableBufferPointer { hB in
            rA.withUnsafeMutableBufferPointer { rB in
            zA.withUnsafeMutableBufferPointer { zB in
            nA.withUnsafeMutableBufferPointer { nB in
            hnA.withUnsafeMutableBufferPointer { hnB in
            hPrev.withUnsafeMutableBufferPointer { hpB in
            biasRZ.withUnsafeBufferPointer { brzB in
            chunk.withUnsafeMutableBufferPointer { chB in
                let hgp = hgB.baseAddress!, hp = hB.baseAddress!, brz = brzB.baseAddress!, xp = chB.baseAddress!
                let ldx = G
                for step in 0..<T {
                    let t = s.reverse ? T - 1 - step : step
                    if step % chunkSteps == 0 {  // project the next chunk of steps: ONE GEMM [c·B, I] × [I, 3H]
                        let c = min(chunkSteps, T - step)
                        chunkStart = s.reverse ? t - c + 1 : t
                        GEMM.sgemm(transA: false, transB: true, m: c * B, n: G, k: I, a: xt + chunkStart * B * I, lda: I,
                                   b: wih, ldb: I, beta: 0, c: xp, ldc: G)
                    }
                    if step > 0 {
                        GEMM.sgemm(transA: false, transB: false, m: B, n: G, k: H, a: hp, lda: H, b: w.whhT, ldb: G,
                                   beta: 0, c: hgp, ldc: G)
                    }
                    for b in 0..<B {
                        let row = b * H
                        let c = t * bh + row  // cache offset of this row
                        guard t < lengths[b] else {
                            if saveCache { (hpB.baseAddress! + c).update(from: hp + row, count: H) }
                            continue
                        }
                        let xr = xp + ((t - chunkStart) * B + b) * ldx, hr = hgp + b * G
                        let dst = out + (t * B + b) * s.outStride + s.outOffset
                        var j = 0
                        while j < H {
                            let n8 = min(8, H - j)
                            let (r, z) = VectorMath.sigmoidPair(
                                VectorMath.load(xr + j, n8) + VectorMath.load(hr + j, n8) + VectorMath.load(brz + j, n8),
                                VectorMath.load(xr + H + j, n8) + VectorMath.load(hr + H + j, n8) + VectorMath.load(brz + H + j, n8))
                            let hn = VectorMath.load(hr + 2 * H + j, n8) + VectorMath.load(w.bhh + 2 * H + j, n8)
                            let n = VectorMath.tanh((VectorMath.load(xr + 2 * H + j, n8) + VectorMath.load(w.bih + 2 * H + j, n8))
                                .addingProduct(r, hn))
                            let prev = VectorMath.load(hp + row + j, n8)
                            let next = n.addingProduct(z, prev - n)
                            if saveCache {
                                VectorMath.store(prev, hpB.baseAddress! + c + j, n8)
                                VectorMath.store(r, rB.baseAddress! + c + j, n8)
                                VectorMath.store(z, zB.baseAddress! + c + j, n8)
                                VectorMath.store(n, nB.baseAddress! + c + j, n8)
                                VectorMath.store(hn, hnB.baseAddress! + c + j, n8)
                            }
                            VectorMath.store(next, hp + row + j, n8)
                            VectorMath.store(next, dst + j, n8)
                            j += 8
                        }
                    }
                }
            }}}}}}}}}
        }
        return saveCache ? Cache(hPrev: hPrev, r: rA, z: zA, n: nA, hn: hnA) : nil
    }

    // MARK: Backward

    /// Backward through the recurrence of one direction. `dOut` is the gradient of the layer output,
    /// time-major `[T, B, outStride]`. Writes the gradient of the input projection (pre-activation gates, every
    /// row, zeros at masked steps) time-major to `dGx + (t·B + b)·ldg`, and accumulates `dWhh`, `dbhh`.
    /// The caller turns `dGx` into `dW_ih`, `db_ih` and `dX` with GEMMs over both directions at once.
    static func backward(lengths: [Int], w: Weights, s: Shape, cache: Cache, dOut: UnsafePointer<Float>,
                         dGx gx0: UnsafeMutablePointer<Float>, ldg: Int,
                         dWhh: UnsafeMutablePointer<Float>, dbhh: UnsafeMutablePointer<Float>) {
        let B = s.batch, T = s.time, H = s.hidden, G = 3 * H
        let bh = B * H
        var dGh = uninitialized(T * B * G)
        var dhA = [Float](repeating: 0, count: bh), dhpA = uninitialized(bh)
        dGh.withUnsafeMutableBufferPointer { dGhB in
        cache.hPrev.withUnsafeBufferPointer { hpB in
        cache.r.withUnsafeBufferPointer { rB in
        cache.z.withUnsafeBufferPointer { zB in
        cache.n.withUnsafeBufferPointer { nB in
        cache.hn.withUnsafeBufferPointer { hnB in
        dhA.withUnsafeMutableBufferPointer { dhB in
        dhpA.withUnsafeMutableBufferPointer { dhpB in
            let gh0 = dGhB.baseAddress!
            var dh = dhB.baseAddress!, dhp = dhpB.baseAddress!
            let one = V(repeating: 1)
            for step in 0..<T {
                let t = s.reverse ? step : T - 1 - step
                for b in 0..<B {
                    let row = b * H, c = t * bh + row
                    let gh = gh0 + (t * B + b) * G, gx = gx0 + (t * B + b) * ldg
                    guard t < lengths[b] else {
                        (dhp + row).update(from: dh + row, count: H)  // state carried: gradient passes through
                        gh.update(repeating: 0, count: G)
                        gx.update(repeating: 0, count: G)
                        continue
                    }
                    let go = dOut + (t * B + b) * s.outStride + s.outOffset
                    var j = 0
                    while j < H {
                        let n8 = min(8, H - j)
                        let d = VectorMath.load(dh + row + j, n8) + VectorMath.load(go + j, n8)
                        let r = VectorMath.load(rB.baseAddress! + c + j, n8), z = VectorMath.load(zB.baseAddress! + c + j, n8)
                        let n = VectorMath.load(nB.baseAddress! + c + j, n8), hn = VectorMath.load(hnB.baseAddress! + c + j, n8)
                        let prev = VectorMath.load(hpB.baseAddress! + c + j, n8)
                        let dnp = d * (one - z) * (one - n * n)
                        let dzp = d * (prev - n) * z * (one - z)
                        let drp = dnp * hn * r * (one - r)
                        VectorMath.store(drp, gx + j, n8); VectorMath.store(dzp, gx + H + j, n8); VectorMath.store(dnp, gx + 2 * H + j, n8)
                        VectorMath.store(drp, gh + j, n8); VectorMath.store(dzp, gh + H + j, n8); VectorMath.store(dnp * r, gh + 2 * H + j, n8)
                        VectorMath.store(d * z, dhp + row + j, n8)
                        j += 8
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
        }}}}}}}}

    }
}
