import CBLAS

/// Thin wrappers over `cblas_sgemm` (row-major) used by every kernel.
enum GEMM {
    /// C[m,n] = alpha · op(A) · op(B) + beta · C, row-major with explicit leading dimensions.
    /// `op(A)` is `[m, k]`, `op(B)` is `[k, n]`.
    @inline(__always)
    static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            if beta != 1 {
                for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Sums the rows of a row-major `[rows, cols]` matrix (leading dimension `ld`) into `out[cols]`
    /// (accumulating).
    /// (One `sgemv` with a vector of ones.)
    static func addColumnSums(_ a: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int,
                              into out: UnsafeMutablePointer<Float>) {
        guard rows > 0, cols > 0 else { return }
        let ones = [Float](repeating: 1, count: rows)
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(cols), 1, a, Int32(ld), ones, 1, 1, out, 1)
    }

    /// Writes `bias[cols]` into every row of `c[rows, cols]` (leading dimension `ldc`).
    @inline(__always)
    static func broadcastRows(_ bias: UnsafePointer<Float>, rows: Int, cols: Int,
                              into c: UnsafeMutablePointer<Float>, ldc: Int) {
        for r in 0..<rows { (c + r * ldc).update(from: bias, count: cols) }
    }
}
