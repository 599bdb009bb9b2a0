/// Vectorized transcendental kernels on `SIMD8<Float>` (Cephes-style `expf`: range reduction by
/// ln 2 in two parts, degree-5 polynomial, exponent built with integer bit operations).
///
/// glibc's scalar `expf` dominates GRU time otherwise. Maximum relative error of `exp` is ~2 ulp on
/// [-87, 88]; inputs are clamped to that range, so sigmoid/tanh saturate cleanly.
public enum VectorMath {
    public typealias V = SIMD8<Float>

    // MARK: exp

    /// e^x lane by lane.
    @inline(__always)
    public static func exp(_ x0: V) -> V {
        // Clamp with blends (`clamped` calls a non-inlined generic pointwiseMin/Max).
        let lo = V(repeating: -87.3), hi = V(repeating: 88.3)
        let x = x0.replacing(with: lo, where: x0 .< lo).replacing(with: hi, where: x0 .> hi)
        // n = round(x / ln2) through the 1.5·2^23 magic-number trick (round to nearest even).
        let magic = V(repeating: 12_582_912.0)
        let t = magic.addingProduct(x, V(repeating: 1.442_695_04))
        let n = t - magic
        var r = x.addingProduct(n, V(repeating: -0.693_359_375))
        r = r.addingProduct(n, V(repeating: 2.121_944_40e-4))
        var p = V(repeating: 1.398_199_95e-3).addingProduct(V(repeating: 1.987_569_15e-4), r)
        p = V(repeating: 8.333_451_9e-3).addingProduct(p, r)
        p = V(repeating: 4.166_579_6e-2).addingProduct(p, r)
        p = V(repeating: 1.666_666_55e-1).addingProduct(p, r)
        p = V(repeating: 5.000_000_1e-1).addingProduct(p, r)
        let e = (r + V(repeating: 1)).addingProduct(p, r * r)
        // 2^n: integer n sits in the low mantissa bits of t.
        let ti = unsafeBitCast(t, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let scale = unsafeBitCast((ti &+ 127) &<< 23, to: V.self)
        return e * scale
    }

    /// 1 / (1 + e^-x).
    @inline(__always)
    public static func sigmoid(_ x: V) -> V { V(repeating: 1) / (V(repeating: 1) + exp(-x)) }

    /// (σ(a), σ(b)) with one division: 1 / ((1 + e^−a)(1 + e^−b)). Inputs are clamped at −40 so the
    /// product cannot overflow (σ(−40) ≈ 4·10⁻¹⁸, below any gradient that matters).
    @inline(__always)
    public static func sigmoidPair(_ a: V, _ b: V) -> (V, V) {
        let lo = V(repeating: -40)
        let ea = exp(-a.replacing(with: lo, where: a .< lo)), eb = exp(-b.replacing(with: lo, where: b .< lo))
        let pa = ea + V(repeating: 1), pb = eb + V(repeating: 1)
        let inv = V(repeating: 1) / (pa * pb)
        return (pb * inv, pa * inv)
    }

    /// tanh(x) = 1 − 2 / (e^{2x} + 1).
    @inline(__always)
    public static func tanh(_ x: V) -> V {
        V(repeating: 1) - V(repeating: 2) / (exp(x + x) + V(repeating: 1))
    }

    // MARK: Reductions

    /// Σ a[i]·b[i] over `n` floats with two SIMD8 accumulators (a scalar loop is one FMA latency per
    /// element: float sums are not reassociated by the compiler).
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = V(), s1 = V()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 16 <= n {
            s0 = s0.addingProduct(ra.loadUnaligned(fromByteOffset: i * 4, as: V.self), rb.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            s1 = s1.addingProduct(ra.loadUnaligned(fromByteOffset: i * 4 + 32, as: V.self),
                                  rb.loadUnaligned(fromByteOffset: i * 4 + 32, as: V.self))
            i += 16
        }
        if i + 8 <= n {
            s0 = s0.addingProduct(ra.loadUnaligned(fromByteOffset: i * 4, as: V.self), rb.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            i += 8
        }
        var total = (s0 + s1).sum()
        while i < n { total += a[i] * b[i]; i += 1 }
        return total
    }

    // MARK: Partial vectors

    /// Loads `n ≤ 8` floats (zero-padded when n < 8).
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ n: Int) -> V {
        if n == 8 { return UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        var v = V(repeating: 0)
        for k in 0..<n { v[k] = p[k] }
        return v
    }

    /// Stores the first `n ≤ 8` lanes of `v`.
    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
        if n == 8 { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self); return }
        for k in 0..<n { p[k] = v[k] }
    }

    // MARK: Buffers

    /// Applies `f` in place over `count` floats at `p`, eight at a time; the tail goes through a
    /// zero-padded vector so results never depend on the position within the buffer.
    @inline(__always)
    static func apply(_ p: UnsafeMutablePointer<Float>, _ count: Int, _ f: (V) -> V) {
        var i = 0
        let raw = UnsafeMutableRawPointer(p)
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: V.self)
            raw.storeBytes(of: f(v), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        if i < count {
            var v = V(repeating: 0)
            for k in 0..<(count - i) { v[k] = p[i + k] }
            let y = f(v)
            for k in 0..<(count - i) { p[i + k] = y[k] }
        }
    }

    /// In-place logistic sigmoid over `count` floats.
    public static func sigmoid(_ p: UnsafeMutablePointer<Float>, count: Int) { apply(p, count, sigmoid) }
    /// In-place tanh over `count` floats.
    public static func tanh(_ p: UnsafeMutablePointer<Float>, count: Int) { apply(p, count, tanh) }
    /// In-place exp over `count` floats.
    public static func exp(_ p: UnsafeMutablePointer<Float>, count: Int) { apply(p, count, exp) }

    /// Scalar helpers through the same vector code (so scalar and vector paths agree bit for bit).
    public static func exp(_ x: Float) -> Float { exp(V(repeating: x))[0] }
    public static func sigmoid(_ x: Float) -> Float { sigmoid(V(repeating: x))[0] }
    public static func tanh(_ x: Float) -> Float { tanh(V(repeating: x))[0] }
}

extension Array where Element == Float {
    /// In-place vectorized map over the whole array.
    mutating func applyVector(_ f: (SIMD8<Float>) -> SIMD8<Float>) {
        let n = count
        withUnsafeMutableBufferPointer { VectorMath.apply($0.baseAddress!, n, f) }
    }
}
