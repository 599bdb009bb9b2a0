/// Forward and backward kernels for one direction of a GRU layer over a padded batch.
///
/// Gate equations (PyTorch order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz),
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
/// Length masks: at time steps t ≥ length[b] the state is carried unchanged and the output is zero.
/// The reverse direction walks t = T−1 … 0, so it starts (from h = 0) at each sequence's own last
/// valid step. Forward: the input projections (per chunk of steps) and the recurrent products (per step)
/// are `PanelGEMM` micro-kernels; backward: one small OpenBLAS GEMM per step for `dh_{t-1}`, OpenBLAS GEMMs
/// per chunk of steps for `dW_hh`, and (in the caller) for `dW_ih` and `dX`.
enum GRUKernel {
    /// Pointers to one direction's recurrent weights: `whh [3H, H]`, `bhh [3H]`.
    struct Weights {
        let whh: UnsafePointer<Float>, bhh: UnsafePointer<Float>
        /// `b_ih [3H]`: added in the gate passes (the input projection itself has no bias).
        let bih: UnsafePointer<Float>
    }

    /// Problem sizes and the layout of the output, batch-major `[B, T, outStride]` with this direction at
    /// column `outOffset`.
    struct Shape {
        let batch: Int, time: Int, hidden: Int
        let outStride: Int, outOffset: Int
        let reverse: Bool
    }

    /// Activations saved by the forward pass, each `[T, B, H]` (time-major: one step's rows are contiguous).
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

    /// Runs one direction; writes outputs into batch-major `out` (which must be zero at masked positions).
    /// Returns the activations when `saveCache` is true.
    /// Both products run through `PanelGEMM` on weights packed once per call (OpenBLAS re-packs its
    /// operands on every call): the input projection `x W_ihᵀ` (no bias) in chunks of `chunkSteps` time
    /// steps just before the recurrence reaches them (so the gates read it from cache, not memory), and
    /// the recurrent product `h W_hhᵀ` on every step. Products are rows of 3H gate pre-activations
    /// (r, z, n) with leading dimension `ldp`.
    ///
    /// - Parameters:
    ///   - x: the layer input, batch-major `[B, T, I]` (a block of rows of one step is strided by T·I).
    ///   - wih: this direction's `[3H, I]` (packed here).
    static func forward(x: UnsafePointer<Float>, input I: Int, wih: UnsafePointer<Float>,
                        lengths: [Int], w: Weights, s: Shape,
                        out: UnsafeMutablePointer<Float>, saveCache: Bool) -> Cache? {
        let B = s.batch, T = s.time, H = s.hidden, G = 3 * H
        let bh = B * H
        let chunkSteps = 4
        var chunkStart = -1  // first time index held in `chunk`
        let packed = PanelGEMM.Packed(transposeOf: w.whh, rows: G, cols: H)
        let packedIH = PanelGEMM.Packed(transposeOf: wih, rows: G, cols: I)
        let P = packed.panels
        // Gate vectors run over whole SIMD8 vectors: Hp = H rounded up to 8. Rows of products are wide enough
        // for the n gate's last vector (2H + Hp); lanes past H are computed on padding and never stored.
        let Hp = (H + 7) / 8 * 8
        let ldp = max(P * PanelGEMM.width, 2 * H + Hp)
        var hCur = [Float](repeating: 0, count: bh), hNext = [Float](repeating: 0, count: bh)
        // Biases [4][Hp]: r and z take b_ih + b_hh; n takes b_hn inside r ⊙ (·) and b_in outside.
        var biasPack = [Float](repeating: 0, count: 4 * Hp)
        for u in 0..<H {
            biasPack[u] = w.bih[u] + w.bhh[u]
            biasPack[Hp + u] = w.bih[H + u] + w.bhh[H + u]
            biasPack[2 * Hp + u] = w.bhh[2 * H + u]
            biasPack[3 * Hp + u] = w.bih[2 * H + u]
        }
        let R = PanelGEMM.blockRows
        var products = [Float](repeating: 0, count: B * ldp)  // h W_hhᵀ of one step, [B][ldp]
        var chunk = [Float](repeating: 0, count: chunkSteps * B * ldp)  // x W_ihᵀ of `chunkSteps` steps
        var gates = [Float](repeating: 0, count: B * 2 * Hp)  // σ of r and z for one step, [B][2][Hp]
        let cacheCount = saveCache ? T * bh : 0
        var hPrev = uninitialized(cacheCount), rA = uninitialized(cacheCount), zA = uninitialized(cacheCount)
        var nA = uninitialized(cacheCount), hnA = uninitialized(cacheCount)

        packedIH.data.withUnsafeBufferPointer { pkIH in
        packed.data.withUnsafeBufferPointer { pkB in
        hCur.withUnsafeMutableBufferPointer { curB in
        hNext.withUnsafeMutableBufferPointer { nextB in
        rA.withUnsafeMutableBufferPointer { rB in
        zA.withUnsafeMutableBufferPointer { zB in
        nA.withUnsafeMutableBufferPointer { nB in
        hnA.withUnsafeMutableBufferPointer { hnB in
        hPrev.withUnsafeMutableBufferPointer { hpB in
        biasPack.withUnsafeBufferPointer { bpB in
        products.withUnsafeMutableBufferPointer { prB in
        chunk.withUnsafeMutableBufferPointer { chB in
        gates.withUnsafeMutableBufferPointer { gtB in
            let pk = pkB.baseAddress!, bp = bpB.baseAddress!, xp = chB.baseAddress!, cb = prB.baseAddress!
            let rz = gtB.baseAddress!
            var cur = curB.baseAddress!, next = nextB.baseAddress!
            for step in 0..<T {
                let t = s.reverse ? T - 1 - step : step
                if step % chunkSteps == 0 {  // project the next chunk of steps: [c·B, I] × packed W_ihᵀ
                    let c = min(chunkSteps, T - step)
                    chunkStart = s.reverse ? t - c + 1 : t
                    for tc in 0..<c {
                        var rb = 0
                        while rb < B {
                            let rows = min(R, B - rb)
                            PanelGEMM.multiplyBlock(x + (rb * T + chunkStart + tc) * I, lda: T * I, rows: rows,
                                                    packed: pkIH.baseAddress!, k: I, panels: P, into: xp + (tc * B + rb) * ldp, ldc: ldp)
                            rb += rows
                        }
                    }
                }
                if saveCache { (hpB.baseAddress! + t * bh).update(from: cur, count: bh) }
                // h W_hhᵀ for every row block holding an active sequence → products [B][ldp].
                var rb = 0
                while rb < B {
                    let rows = min(R, B - rb)
                    if (rb..<(rb + rows)).contains(where: { t < lengths[$0] }) {
                        PanelGEMM.multiplyBlock(cur + rb * H, lda: H, rows: rows, packed: pk, k: H, panels: P,
                                                into: cb + rb * ldp, ldc: ldp)
                    }
                    rb += rows
                }
                // Gates in two passes over the step, so that each pass's independent iterations overlap in the
                // out-of-order window (one pass with both the sigmoid and the dependent tanh is latency-bound).
                // Pass 1: r, z = σ(·).
                for b in 0..<B where t < lengths[b] {
                    gateRowPass1(hidden: H, padded: Hp, x: xp + ((t - chunkStart) * B + b) * ldp, products: cb + b * ldp,
                                 bias: bp, gates: rz + b * 2 * Hp)
                }
                // Pass 2: n = tanh(·), h' = n + z ⊙ (h − n).
                for b in 0..<B {
                    guard t < lengths[b] else {
                        (next + b * H).update(from: cur + b * H, count: H)
                        continue
                    }
                    let c = t * bh + b * H
                    gateRowPass2(hidden: H, padded: Hp, x: xp + ((t - chunkStart) * B + b) * ldp, products: cb + b * ldp,
                                 bias: bp, gates: rz + b * 2 * Hp,
                                 prev: cur + b * H, next: next + b * H, out: out + (b * T + t) * s.outStride + s.outOffset,
                                 cache: saveCache ? (rB.baseAddress! + c, zB.baseAddress! + c, nB.baseAddress! + c, hnB.baseAddress! + c) : nil)
                }
                swap(&cur, &next)
            }
        }}}}}}}}}}}}}
        return saveCache ? Cache(hPrev: hPrev, r: rA, z: zA, n: nA, hn: hnA) : nil
    }

    // MARK: Backward

    /// Backward through the recurrence of one direction. `dOut` is the gradient of the layer output,
    /// batch-major `[B, T, outStride]`. Writes the gradient of the input projection (pre-activation gates, every
    /// row, zeros at masked steps) batch-major to `dGx + (b·T + t)·ldg`, and accumulates `dWhh`, `dbhh`.
    /// The caller turns `dGx` into `dW_ih`, `db_ih` and `dX` with GEMMs over both directions at once.
    /// `dWhh` accumulates chunk by chunk of `chunkSteps` steps, while that chunk's recurrent gate gradients
    /// are still in cache (one GEMM over all T·B rows streams them from memory and runs ~20% slower).
    static func backward(lengths: [Int], w: Weights, s: Shape, cache: Cache, dOut: UnsafePointer<Float>,
                         dGx gx0: UnsafeMutablePointer<Float>, ldg: Int,
                         dWhh: UnsafeMutablePointer<Float>, dbhh: UnsafeMutablePointer<Float>) {
        let B = s.batch, T = s.time, H = s.hidden, G = 3 * H
        let bh = B * H
        let chunkSteps = 8
        var dGh = uninitialized(min(chunkSteps, T) * B * G)  // recurrent gate gradients of the current chunk
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
            var chunkBase = 0, chunkStart = 0  // lowest time index of the current chunk's slots; its first step's t
            for step in 0..<T {
                let t = s.reverse ? step : T - 1 - step
                if step % chunkSteps == 0 { chunkStart = t; chunkBase = s.reverse ? t : max(0, t - chunkSteps + 1) }
                let ghStep = gh0 + (t - chunkBase) * B * G
                for b in 0..<B {
                    let row = b * H, c = t * bh + row
                    let gh = ghStep + b * G, gx = gx0 + (b * T + t) * ldg
                    guard t < lengths[b] else {
                        (dhp + row).update(from: dh + row, count: H)  // state carried: gradient passes through
                        gh.update(repeating: 0, count: G)
                        gx.update(repeating: 0, count: G)
                        continue
                    }
                    backwardRow(hidden: H, dh: dh + row, dOut: dOut + (b * T + t) * s.outStride + s.outOffset,
                                r: rB.baseAddress! + c, z: zB.baseAddress! + c, n: nB.baseAddress! + c,
                                hn: hnB.baseAddress! + c, prev: hpB.baseAddress! + c, dGx: gx, dGh: gh, dhPrev: dhp + row)
                }
                if step < T - 1 {  // the first processed step saw h = 0: nothing flows further back
                    GEMM.sgemm(transA: false, transB: false, m: B, n: H, k: G, a: ghStep, lda: G,
                               b: w.whh, ldb: H, beta: 1, c: dhp, ldc: H)
                }
                swap(&dh, &dhp)
                if step % chunkSteps == chunkSteps - 1 || step == T - 1 {  // chunk complete: dW_hh += dGhᵀ h_{t-1}
                    let first = min(t, chunkStart), steps = abs(t - chunkStart) + 1
                    GEMM.sgemm(transA: true, transB: false, m: G, n: H, k: steps * B, a: gh0 + (first - chunkBase) * B * G, lda: G,
                               b: hpB.baseAddress! + first * bh, ldb: H, beta: 1, c: dWhh, ldc: H)
                    GEMM.addColumnSums(gh0 + (first - chunkBase) * B * G, rows: steps * B, cols: G, ld: G, into: dbhh)
                }
            }
        }}}}}}}}

    }

    /// One sequence's gate gradients at one step (every pointer is a row of `H` floats; `dGx`, `dGh` hold
    /// 3H, gates r, z, n). Not inlined: inside the step loop the dozen row streams spill their pointers.
    @inline(never)
    static func backwardRow(hidden H: Int, dh: UnsafePointer<Float>, dOut: UnsafePointer<Float>,
                            r rp: UnsafePointer<Float>, z zp: UnsafePointer<Float>, n np: UnsafePointer<Float>,
                            hn hnp: UnsafePointer<Float>, prev pp: UnsafePointer<Float>,
                            dGx gx: UnsafeMutablePointer<Float>, dGh gh: UnsafeMutablePointer<Float>,
                            dhPrev dhp: UnsafeMutablePointer<Float>) {
        // Full vectors, then one zero-padded tail vector through the same arithmetic.
        @inline(__always) func step(_ j: Int, _ n8: Int) {
            let d = VectorMath.load(dh + j, n8) + VectorMath.load(dOut + j, n8)
            let r = VectorMath.load(rp + j, n8), z = VectorMath.load(zp + j, n8)
            let n = VectorMath.load(np + j, n8), hn = VectorMath.load(hnp + j, n8)
            let prev = VectorMath.load(pp + j, n8)
            let one = V(repeating: 1)
            let dnp = d * (one - z) * (one - n * n)
            let dzp = d * (prev - n) * z * (one - z)
            let drp = dnp * hn * r * (one - r)
            VectorMath.store(drp, gx + j, n8); VectorMath.store(dzp, gx + H + j, n8); VectorMath.store(dnp, gx + 2 * H + j, n8)
            VectorMath.store(drp, gh + j, n8); VectorMath.store(dzp, gh + H + j, n8); VectorMath.store(dnp * r, gh + 2 * H + j, n8)
            VectorMath.store(d * z, dhp + j, n8)
        }
        var j = 0
        while j + 8 <= H { step(j, 8); j += 8 }
        if j < H { step(j, H - j) }
    }

    // MARK: Gate rows

    /// Forward pass 1 for one sequence: `gates [2][Hp]` = σ(x + products + bias) for r and z, where `x` and
    /// `products` are the row's input and recurrent products `[3H]` (r, z, n) and `bias [4][Hp]` the packed
    /// biases. Runs over whole vectors (lanes ≥ H read the next gate's values and are never used).
    /// Not inlined: inside the step loop its streams spill.
    @inline(never)
    static func gateRowPass1(hidden H: Int, padded Hp: Int, x: UnsafePointer<Float>, products: UnsafePointer<Float>,
                             bias: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>) {
        // One sigmoid per loop: with both gates' exps in one loop body LLVM's SLP vectorizer blends them
        // into three partly scalar polynomial evaluations (twice the instructions).
        for gate in 0..<2 {
            let xg = UnsafeRawPointer(x + gate * H), pg = UnsafeRawPointer(products + gate * H)
            let bg = UnsafeRawPointer(bias + gate * Hp), dst = UnsafeMutableRawPointer(gates + gate * Hp)
            var j = 0
            while j < Hp {
                let pre = xg.loadUnaligned(fromByteOffset: j * 4, as: V.self) + pg.loadUnaligned(fromByteOffset: j * 4, as: V.self)
                    + bg.loadUnaligned(fromByteOffset: j * 4, as: V.self)
                dst.storeBytes(of: VectorMath.sigmoid(pre), toByteOffset: j * 4, as: V.self)
                j += 8
            }
        }
    }

    /// Forward pass 2 for one sequence: n = tanh(x_n + b_in + r ⊙ (products_n + b_hn)), h' = n + z ⊙ (h − n),
    /// written to `next` and `out` (rows of `H`); r, z, n and the recurrent n-term go to `cache` when given.
    @inline(never)
    static func gateRowPass2(hidden H: Int, padded Hp: Int, x: UnsafePointer<Float>, products: UnsafePointer<Float>,
                             bias: UnsafePointer<Float>, gates: UnsafePointer<Float>, prev: UnsafePointer<Float>,
                             next: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                             cache: (r: UnsafeMutablePointer<Float>, z: UnsafeMutablePointer<Float>,
                                     n: UnsafeMutablePointer<Float>, hn: UnsafeMutablePointer<Float>)?) {
        let xn = UnsafeRawPointer(x + 2 * H), pn = UnsafeRawPointer(products + 2 * H)
        let bhn = UnsafeRawPointer(bias + 2 * Hp), bin = UnsafeRawPointer(bias + 3 * Hp)
        let rp = UnsafeRawPointer(gates), zp = UnsafeRawPointer(gates + Hp)
        @inline(__always) func vector(_ j: Int, _ n8: Int) {
            let o = j * 4
            let r = rp.loadUnaligned(fromByteOffset: o, as: V.self), z = zp.loadUnaligned(fromByteOffset: o, as: V.self)
            let hn = pn.loadUnaligned(fromByteOffset: o, as: V.self) + bhn.loadUnaligned(fromByteOffset: o, as: V.self)
            let n = VectorMath.tanh((xn.loadUnaligned(fromByteOffset: o, as: V.self) + bin.loadUnaligned(fromByteOffset: o, as: V.self))
                .addingProduct(r, hn))
            let h0 = VectorMath.load(prev + j, n8)
            let h1 = n.addingProduct(z, h0 - n)
            if let cache {
                VectorMath.store(r, cache.r + j, n8)
                VectorMath.store(z, cache.z + j, n8)
                VectorMath.store(n, cache.n + j, n8)
                VectorMath.store(hn, cache.hn + j, n8)
            }
            VectorMath.store(h1, next + j, n8)
            VectorMath.store(h1, out + j, n8)
        }
        var j = 0
        while j + 8 <= H { vector(j, 8); j += 8 }
        if j < H { vector(j, H - j) }
    }
}
