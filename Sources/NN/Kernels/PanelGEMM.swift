/// GEMM kernels for the GRU layer's weight products (forward projections and recurrence, input gradient),
/// where OpenBLAS re-packs the same weight matrix on every call (each time step, each chunk of steps). The right-hand matrix is packed ONCE per layer call into panels
/// of 16 columns (two SIMD8 column groups), `[panel][k][16]`, zero-padded past the last real column;
/// register-blocked micro-kernels then multiply 6 (or 2, or 1) rows of a row-major left matrix by one panel.
///
/// Accumulation runs over k in order, one FMA per element, so results are deterministic.
enum PanelGEMM {
    typealias V = SIMD8<Float>
    /// Columns per panel.
    static let width = 16
    /// Rows per register block: 6 rows × 16 columns = 12 accumulators + 2 panel vectors + 1 broadcast
    /// fit the 16 AVX2 registers. (3 × 24 was ~10% slower: 6 loads per 9 FMAs instead of 8 per 12.)
    static let blockRows = 6

    /// `wᵀ` for a row-major `w [n, k]` (e.g. the GRU weights `[3H, k]`, whose products are then the gate
    /// pre-activations in PyTorch order r, z, n), packed as `ceil(n / 16)` panels of `[k][16]`.
    struct Packed {
        let k: Int, n: Int, panels: Int
        var data: [Float]

        /// A row-major `b [k, n]` packed as it is.
        init(_ b: UnsafePointer<Float>, k: Int, n: Int) {
            self.k = k; self.n = n
            panels = (n + PanelGEMM.width - 1) / PanelGEMM.width
            let width = PanelGEMM.width
            data = [Float](repeating: 0, count: panels * k * width)
            data.withUnsafeMutableBufferPointer { d in
                for p in 0..<panels {
                    let cols = min(width, n - p * width)
                    for kk in 0..<k {
                        (d.baseAddress! + (p * k + kk) * width).update(from: b + kk * n + p * width, count: cols)
                    }
                }
            }
        }

        init(transposeOf w: UnsafePointer<Float>, rows n: Int, cols k: Int) {
            self.k = k; self.n = n
            panels = (n + PanelGEMM.width - 1) / PanelGEMM.width
            let width = PanelGEMM.width
            data = [Float](repeating: 0, count: panels * k * width)
            data.withUnsafeMutableBufferPointer { d in
                let dst = d.baseAddress!
                for col in 0..<n {
                    let src = w + col * k, base = (col / width) * k * width + col % width
                    for kk in 0..<k { dst[base + kk * width] = src[kk] }
                }
            }
        }
    }

    /// `c[m, n] = a[m, k] × b`, every row through `multiplyBlock`; `c` needs `ldc ≥ panels·16` (the last
    /// panel's padded columns are written too).
    static func multiply(_ a: UnsafePointer<Float>, lda: Int, m: Int, packed: Packed,
                         into c: UnsafeMutablePointer<Float>, ldc: Int) {
        packed.data.withUnsafeBufferPointer { pb in
            var r = 0
            while r < m {
                let rows = min(blockRows, m - r)
                multiplyBlock(a + r * lda, lda: lda, rows: rows, packed: pb.baseAddress!, k: packed.k, panels: packed.panels,
                              into: c + r * ldc, ldc: ldc)
                r += rows
            }
        }
    }

    /// `c[rows][panels·16] = a[rows, k] × packed`, for one block of `rows ≤ blockRows` rows.
    @inline(__always)
    static func multiplyBlock(_ a: UnsafePointer<Float>, lda: Int, rows: Int, packed: UnsafePointer<Float>,
                              k: Int, panels: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
        for p in 0..<panels {
            let panel = packed + p * k * width, dst = c + p * width
            if rows == blockRows {
                multiply6(a, lda: lda, k: k, panel: panel, into: dst, ldc: ldc)
            } else {
                var i = 0
                while i + 2 <= rows {
                    multiply2(a + i * lda, lda: lda, k: k, panel: panel, into: dst + i * ldc, ldc: ldc)
                    i += 2
                }
                if i < rows { multiply1(a + i * lda, k: k, panel: panel, into: dst + i * ldc) }
            }
        }
    }

    // MARK: Micro-kernels

    /// `c[6][16] = a[6 rows, k] × panel[k][16]`; rows of `a` are `lda` apart, rows of `c` `ldc` apart.
    @inline(__always)
    static func multiply6(_ a: UnsafePointer<Float>, lda: Int, k: Int, panel: UnsafePointer<Float>,
                          into c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        let raw = UnsafeRawPointer(panel)
        for kk in 0..<k {
            let w0 = raw.loadUnaligned(fromByteOffset: kk * 64, as: V.self)
            let w1 = raw.loadUnaligned(fromByteOffset: kk * 64 + 32, as: V.self)
            var x = V(repeating: a[kk])
            c00 = c00.addingProduct(x, w0); c01 = c01.addingProduct(x, w1)
            x = V(repeating: a[lda + kk])
            c10 = c10.addingProduct(x, w0); c11 = c11.addingProduct(x, w1)
            x = V(repeating: a[2 * lda + kk])
            c20 = c20.addingProduct(x, w0); c21 = c21.addingProduct(x, w1)
            x = V(repeating: a[3 * lda + kk])
            c30 = c30.addingProduct(x, w0); c31 = c31.addingProduct(x, w1)
            x = V(repeating: a[4 * lda + kk])
            c40 = c40.addingProduct(x, w0); c41 = c41.addingProduct(x, w1)
            x = V(repeating: a[5 * lda + kk])
            c50 = c50.addingProduct(x, w0); c51 = c51.addingProduct(x, w1)
        }
        store2(c00, c01, c); store2(c10, c11, c + ldc); store2(c20, c21, c + 2 * ldc)
        store2(c30, c31, c + 3 * ldc); store2(c40, c41, c + 4 * ldc); store2(c50, c51, c + 5 * ldc)
    }

    /// `c[2][16] = a[2 rows, k] × panel[k][16]` (remainder rows of a batch).
    @inline(__always)
    static func multiply2(_ a: UnsafePointer<Float>, lda: Int, k: Int, panel: UnsafePointer<Float>,
                          into c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c00 = V(), c01 = V(), c10 = V(), c11 = V()
        let raw = UnsafeRawPointer(panel)
        for kk in 0..<k {
            let w0 = raw.loadUnaligned(fromByteOffset: kk * 64, as: V.self)
            let w1 = raw.loadUnaligned(fromByteOffset: kk * 64 + 32, as: V.self)
            let x0 = V(repeating: a[kk]), x1 = V(repeating: a[lda + kk])
            c00 = c00.addingProduct(x0, w0); c01 = c01.addingProduct(x0, w1)
            c10 = c10.addingProduct(x1, w0); c11 = c11.addingProduct(x1, w1)
        }
        store2(c00, c01, c); store2(c10, c11, c + ldc)
    }

    /// `c[16] = a[1 row, k] × panel[k][16]`.
    @inline(__always)
    static func multiply1(_ a: UnsafePointer<Float>, k: Int, panel: UnsafePointer<Float>,
                          into c: UnsafeMutablePointer<Float>) {
        var c0 = V(), c1 = V()
        let raw = UnsafeRawPointer(panel)
        for kk in 0..<k {
            let x = V(repeating: a[kk])
            c0 = c0.addingProduct(x, raw.loadUnaligned(fromByteOffset: kk * 64, as: V.self))
            c1 = c1.addingProduct(x, raw.loadUnaligned(fromByteOffset: kk * 64 + 32, as: V.self))
        }
        store2(c0, c1, c)
    }

    @inline(__always)
    static func store2(_ v0: V, _ v1: V, _ c: UnsafeMutablePointer<Float>) {
        let out = UnsafeMutableRawPointer(c)
        out.storeBytes(of: v0, as: V.self)
        out.storeBytes(of: v1, toByteOffset: 32, as: V.self)
    }
}
