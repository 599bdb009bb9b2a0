/// Seeded sampling helpers with a fixed algorithm (not the standard library's, whose internals may
/// change between toolchains): same generator state ⇒ same permutation, on every platform.
public enum SeededSampling {
    /// A uniform integer in `0..<bound` (Lemire's multiply-high; the tiny bias is irrelevant here
    /// and the result is deterministic).
    @inlinable
    public static func index<G: RandomNumberGenerator>(below bound: Int, using rng: inout G) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(rng.next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Fisher–Yates shuffle, in place.
    public static func shuffle<T, G: RandomNumberGenerator>(_ items: inout [T], using rng: inout G) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = index(below: i + 1, using: &rng)
            if i != j { items.swapAt(i, j) }
        }
    }

    /// A shuffled copy.
    public static func shuffled<T, G: RandomNumberGenerator>(_ items: [T], using rng: inout G) -> [T] {
        var copy = items
        shuffle(&copy, using: &rng)
        return copy
    }

    /// `count` distinct elements drawn without replacement, returned in their original order.
    public static func choose<G: RandomNumberGenerator>(_ count: Int, from indices: [Int], using rng: inout G) -> [Int] {
        let k = min(max(count, 0), indices.count)
        let positions = shuffled(Array(indices.indices), using: &rng).prefix(k).sorted()
        return positions.map { indices[$0] }
    }
}
