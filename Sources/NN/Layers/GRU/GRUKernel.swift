/// Forward and backward kernels for one direction of a GRU layer over a padded batch.
///
/// Gate equations (PyTorch order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz),
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
/// Length masks: at time steps t ≥ length[b] the state is carried unchanged and the output is zero.
/// The reverse direction walks t = T−1 … 0, so it starts (from h = 0) at each sequence's own last
/// valid step. Input projections are OpenBLAS GEMMs over chunks of steps; the recurrent products are
/// `PanelGEMM` micro-kernels (forward) and one small GEMM per step (backward).
enum GRUKernel {
    /// Pointers to one direction's recurrent weights: `whh [3H, H]`, `bhh [3H]`.
    struct Weights {
        let whh: UnsafePointer<Float>, bhh: UnsafePointer<Float>
        /// `b_ih [3H]`: added inside the step kernel (the projection GEMM runs with beta = 0).
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
    /// Both products run through `PanelGEMM` on weights packed once per call (panel p holds the r, z, n
    /// rows of hidden units 8p..<8p+8, so one panel's products feed whole gate vectors; OpenBLAS re-packs
    /// its operands on every call): the input projection `x W_ihᵀ` (no bias) in chunks of `chunkSteps` time
    /// steps just before the recurrence reaches them (so the gates read it from cache, not memory), and
    /// the recurrent product `h W_hhᵀ` on every step.
    ///
    /// - Parameters:
    ///   - x: the layer input, batch-major `[B, T, I]` (a block of rows of one step is strided by T·I).
    ///   - wih: this direction's `[3H, I]` (packed here).
    static func forward(x: UnsafePointer<Float>, input I: Int, wih: UnsafePointer<Float>,
                        lengths: [Int], w: Weights, s: Shape,
                        out: UnsafeMutablePointer<Float>, saveCache: Bool) -> Cache? {
        let B = s.batch, T = s.time, H = s.hidden
        let bh = B * H
        let chunkSteps = 4
        var chunkStart = -1  // first time index held in `chunk`
        let packed = PanelGEMM.gatePanels(w.whh, hidden: H, k: H), packedIH = PanelGEMM.gatePanels(wih, hidden: H, k: I)
        let P = packed.panels
        var hCur = [Float](repeating: 0, count: bh), hNext = [Float](repeating: 0, count: bh)
        // Biases per panel of 8 units, [P][4][8]: r and z take b_ih + b_hh; n takes b_hn inside r ⊙ (·)
        // and b_in outside.
        var biasPack = [Float](repeating: 0, count: P * 32)
        for u in 0..<H {
            let base = (u / 8) * 32 + u % 8
            biasPack[base] = w.bih[u] + w.bhh[u]
            biasPack[base + 8] = w.bih[H + u] + w.bhh[H + u]
            biasPack[base + 16] = w.bhh[2 * H + u]
            biasPack[base + 24] = w.bih[2 * H + u]
        }
        let R = PanelGEMM.blockRows
        let ldp = P * PanelGEMM.width
        var products = [Float](repeating: 0, count: B * ldp)  // h W_hhᵀ of one step, [B][P·24]
        var chunk = uninitialized(chunkSteps * B * ldp)  // x W_ihᵀ of `chunkSteps` steps, [steps·B][P·24]
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
            let pk = pkB.baseAddress!, bp = bpB.baseAddress!, xp = chB.baseAddress!, cb = prB.baseAddress!
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
                // h W_hhᵀ for every row block holding an active sequence → products [B][P·24].
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
                // Pass 1: r, z = σ(·), written over their products.
                for b in 0..<B where t < lengths[b] {
                    gateRowPass1(panels: P, x: xp + ((t - chunkStart) * B + b) * ldp, products: cb + b * ldp, bias: bp)
                }
                // Pass 2: n = tanh(·), h' = n + z ⊙ (h − n).
                for b in 0..<B {
                    guard t < lengths[b] else {
                        (next + b * H).update(from: cur + b * H, count: H)
                        continue
                    }
                    let c = t * bh + b * H
                    gateRowPass2(hidden: H, x: xp + ((t - chunkStart) * B + b) * ldp, products: cb + b * ldp, bias: bp,
                                 prev: cur + b * H, next: next + b * H, out: out + (b * T + t) * s.outStride + s.outOffset,
                                 cache: saveCache ? (rB.baseAddress! + c, zB.baseAddress! + c, nB.baseAddress! + c, hnB.baseAddress! + c) : nil)
                }
                swap(&cur, &next)
            }
        }}}}}}}}}}}}
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

    /// Forward pass 1 for one sequence: `products [P][24]` (r, z, n products of 8-unit panels) gets r and z
    /// = σ(x + products + bias) written over its r and z slots. `x` is the row's input projection in the
    /// same panel layout, `bias [P][4][8]` the packed biases. Not inlined: inside the step loop its streams
    /// spill. Padded units (≥ H) compute σ(0) and are never read.
    @inline(never)
    static func gateRowPass1(panels P: Int, x: UnsafePointer<Float>, products: UnsafeMutablePointer<Float>,
                             bias: UnsafePointer<Float>) {
        // One sigmoid per loop: with both gates' exps in one loop body LLVM's SLP vectorizer blends them
        // into three partly scalar polynomial evaluations (twice the instructions).
        for gate in 0..<2 {
            let off = gate * 32  // byte offset of this gate's vector in a panel
            for p in 0..<P {
                let acc = UnsafeMutableRawPointer(products + p * PanelGEMM.width)
                let pre = UnsafeRawPointer(x + p * PanelGEMM.width).loadUnaligned(fromByteOffset: off, as: V.self)
                    + acc.loadUnaligned(fromByteOffset: off, as: V.self)
                    + UnsafeRawPointer(bias + p * 32).loadUnaligned(fromByteOffset: off, as: V.self)
                acc.storeBytes(of: VectorMath.sigmoid(pre), toByteOffset: off, as: V.self)
            }
        }
    }

    /// Forward pass 2 for one sequence: n = tanh(x_n + b_in + r ⊙ (products_n + b_hn)), h' = n + z ⊙ (h − n),
    /// written to `next` and `out` (rows of `H`); r, z, n and the recurrent n-term go to `cache` when given.
    /// `x` and `products` are in panel layout `[P][24]`.
    @inline(never)
    static func gateRowPass2(hidden H: Int, x: UnsafePointer<Float>, products: UnsafePointer<Float>,
                             bias: UnsafePointer<Float>, prev: UnsafePointer<Float>,
                             next: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>,
                             cache: (r: UnsafeMutablePointer<Float>, z: UnsafeMutablePointer<Float>,
                                     n: UnsafeMutablePointer<Float>, hn: UnsafeMutablePointer<Float>)?) {
        @inline(__always) func panel(_ p: Int, _ n8: Int) {
            let j = p * 8
            let acc = UnsafeRawPointer(products + p * PanelGEMM.width), bv = UnsafeRawPointer(bias + p * 32)
            let r = acc.loadUnaligned(as: V.self), z = acc.loadUnaligned(fromByteOffset: 32, as: V.self)
            let hn = acc.loadUnaligned(fromByteOffset: 64, as: V.self) + bv.loadUnaligned(fromByteOffset: 64, as: V.self)
            let xn = UnsafeRawPointer(x + p * PanelGEMM.width).loadUnaligned(fromByteOffset: 64, as: V.self)
            let n = VectorMath.tanh((xn + bv.loadUnaligned(fromByteOffset: 96, as: V.self))
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
        let full = H / 8
        for p in 0..<full { panel(p, 8) }
        if H % 8 != 0 { panel(full, H % 8) }
    }
}

