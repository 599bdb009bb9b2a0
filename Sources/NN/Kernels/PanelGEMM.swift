/// GEMM kernels for the GRU forward pass, where OpenBLAS re-packs the same weight matrix on every call
/// (each time step, each chunk of steps). The right-hand matrix is packed ONCE per layer call into panels
/// of 24 columns (three SIMD8 column groups), `[panel][k][24]`, zero-padded past the last real column;
/// register-blocked micro-kernels then multiply 3 (or 1) rows of a row-major left matrix by one panel.
///
/// Accumulation runs over k in order, one FMA per element, so results are deterministic.
enum PanelGEMM {
    typealias V = SIMD8<Float>
    /// Columns per panel.
    static let width = 24

    /// A right-hand matrix `[k, n]` packed as `ceil(n / 24)` panels of `[k][24]`.
    struct Packed {
        let k: Int, n: Int, panels: Int
        var data: [Float]

        /// An all-zero packing of `panels` panels, filled by a packer such as `gatePanels`.
        init(k: Int, n: Int, zeroedPanels: Int) {
            self.k = k; self.n = n; panels = zeroedPanels
            data = [Float](repeating: 0, count: zeroedPanels * k * PanelGEMM.width)
        }
    }

    /// The gate weights `w [3H, k]` (PyTorch GRU layout, gates r, z, n stacked by rows) packed so that
    /// panel p holds columns (r, z, n) × hidden units 8p..<8p+8: one panel's products feed whole gate
    /// vectors of 8 units. Units ≥ H are zero.
    static func gatePanels(_ w: UnsafePointer<Float>, hidden H: Int, k K: Int) -> Packed {
        let panels = (H + 7) / 8
        var packed = Packed(k: K, n: panels * width, zeroedPanels: panels)
        packed.data.withUnsafeMutableBufferPointer { d in
            let dst = d.baseAddress!
            for gate in 0..<3 {
                for u in 0..<H {
                    let src = w + (gate * H + u) * K, col = (u / 8) * K * width + gate * 8 + u % 8
                    for kk in 0..<K { dst[col + kk * width] = src[kk] }
                }
            }
        }
        return packed
    }

    /// `c[rows][panels·24] = a[rows, k] × packed`, for one block of `rows ≤ blockRows` rows.
    @inline(__always)
    static func multiplyBlock(_ a: UnsafePointer<Float>, lda: Int, rows: Int, packed: UnsafePointer<Float>,
                              k: Int, panels: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
        for p in 0..<panels {
            let panel = packed + p * k * width, dst = c + p * width
            if rows == blockRows {
                multiply3(a, lda: lda, k: k, panel: panel, into: dst, ldc: ldc)
            } else {
                for i in 0..<rows { multiply1(a + i * lda, k: k, panel: panel, into: dst + i * ldc) }
            }
        }
    }

    // MARK: Micro-kernels

    /// Rows per register block: 3 rows × 24 columns = 9 accumulators + 3 panel vectors + 1 broadcast
    /// fit the 16 AVX2 registers (4 rows spill an accumulator and run latency-bound through the stack).
    static let blockRows = 3

    /// `c[3][24] = a[3 rows, k] × panel[k][24]`; rows of `a` are `lda` apart, rows of `c` `ldc` apart.
    @inline(__always)
    static func multiply3(_ a: UnsafePointer<Float>, lda: Int, k: Int, panel: UnsafePointer<Float>,
                          into c: UnsafeMutablePointer<Float>, ldc: Int) {
        var c00 = V(), c01 = V(), c02 = V(), c10 = V(), c11 = V(), c12 = V(), c20 = V(), c21 = V(), c22 = V()
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda
        let raw = UnsafeRawPointer(panel)
        for kk in 0..<k {
            let off = kk * 96
            let w0 = raw.loadUnaligned(fromByteOffset: off, as: V.self)
            let w1 = raw.loadUnaligned(fromByteOffset: off + 32, as: V.self)
            let w2 = raw.loadUnaligned(fromByteOffset: off + 64, as: V.self)
            let x0 = V(repeating: a0[kk])
            c00 = c00.addingProduct(x0, w0); c01 = c01.addingProduct(x0, w1); c02 = c02.addingProduct(x0, w2)
            let x1 = V(repeating: a1[kk])
            c10 = c10.addingProduct(x1, w0); c11 = c11.addingProduct(x1, w1); c12 = c12.addingProduct(x1, w2)
            let x2 = V(repeating: a2[kk])
            c20 = c20.addingProduct(x2, w0); c21 = c21.addingProduct(x2, w1); c22 = c22.addingProduct(x2, w2)
        }
        store3(c00, c01, c02, c)
        store3(c10, c11, c12, c + ldc)
        store3(c20, c21, c22, c + 2 * ldc)
    }

    /// `c[24] = a[1 row, k] × panel[k][24]` (the remainder rows of a batch).
    @inline(__always)
    static func multiply1(_ a: UnsafePointer<Float>, k: Int, panel: UnsafePointer<Float>,
                          into c: UnsafeMutablePointer<Float>) {
        var c0 = V(), c1 = V(), c2 = V()
        let raw = UnsafeRawPointer(panel)
        for kk in 0..<k {
            let off = kk * 96
            let x = V(repeating: a[kk])
            c0 = c0.addingProduct(x, raw.loadUnaligned(fromByteOffset: off, as: V.self))
            c1 = c1.addingProduct(x, raw.loadUnaligned(fromByteOffset: off + 32, as: V.self))
            c2 = c2.addingProduct(x, raw.loadUnaligned(fromByteOffset: off + 64, as: V.self))
        }
        store3(c0, c1, c2, c)
    }

    @inline(__always)
    static func store3(_ v0: V, _ v1: V, _ v2: V, _ c: UnsafeMutablePointer<Float>) {
        let out = UnsafeMutableRawPointer(c)
        out.storeBytes(of: v0, as: V.self)
        out.storeBytes(of: v1, toByteOffset: 32, as: V.self)
        out.storeBytes(of: v2, toByteOffset: 64, as: V.self)
    }
}
