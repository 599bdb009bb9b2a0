// MARK: - Distributions

extension SeededGenerator {
    /// Uniform in [0, 1) with 24 random bits (exactly representable in Float).
    @inline(__always)
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUnitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUnitFloat()
    }

    /// Standard normal N(mean, std²) by the Box–Muller transform (one draw per call, no cached pair,
    /// so the stream position depends only on the number of calls).
    public mutating func normal(mean: Float = 0, std: Float = 1) -> Float {
        let u1 = max(nextUnitDouble(), 0x1p-60)
        let u2 = nextUnitDouble()
        let z = (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
        return mean + std * Float(z)
    }

    /// Uniform integer in 0..<upperBound (Lemire's nearly-divisionless method via the stdlib).
    public mutating func integer(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "SeededGenerator.integer(below:): upper bound must be positive")
        return Int.random(in: 0..<upperBound, using: &self)
    }

    /// Fisher–Yates shuffle of `array` in place.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = integer(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// `count` distinct indices from 0..<population, in draw order (partial Fisher–Yates).
    public mutating func sample(_ count: Int, from population: Int) -> [Int] {
        precondition(count >= 0 && count <= population,
                     "SeededGenerator.sample: cannot draw \(count) of \(population)")
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = i + integer(below: population - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<count])
    }

    /// A tensor of U(low, high) elements.
    public mutating func uniformTensor(_ shape: [Int], low: Float, high: Float) -> Tensor {
        let n = shape.reduce(1, *)
        var s = [Float](repeating: 0, count: n)
        for i in 0..<n { s[i] = uniform(low, high) }
        return Tensor(shape: shape, scalars: s)
    }

    /// A tensor of N(mean, std²) elements.
    public mutating func normalTensor(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        let n = shape.reduce(1, *)
        var s = [Float](repeating: 0, count: n)
        for i in 0..<n { s[i] = normal(mean: mean, std: std) }
        return Tensor(shape: shape, scalars: s)
    }
}

// Foundation-free libm access (log/cos on Double).
#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
