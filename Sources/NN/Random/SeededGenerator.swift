/// The project's random number generator: **xoshiro256\*\*** (Blackman & Vigna, 2018), its 256-bit
/// state filled from a 64-bit seed by **SplitMix64**.
///
/// Seeds are inputs, never globals. Independent sub-streams come from `(seed, purpose)` with
/// `SeededGenerator(seed:purpose:)`: the purpose string is hashed with 64-bit FNV-1a (stable across
/// processes and platforms, unlike `hashValue`) and mixed into the seed, so "init", "dropout",
/// "shuffle" draw from unrelated streams and adding a new consumer never shifts the others.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator seeded from one 64-bit number through SplitMix64.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // never the all-zero state
    }

    /// The sub-stream of `seed` for a named purpose (e.g. `"init"`, `"dropout"`, `"batches"`).
    public init(seed: UInt64, purpose: String) {
        var sm = SplitMix64(state: seed ^ Self.fnv1a64(purpose))
        self.init(seed: sm.next())
    }

    /// A child stream for a named purpose derived from this generator's next output; `self` advances.
    public mutating func fork(_ purpose: String) -> SeededGenerator {
        SeededGenerator(seed: next(), purpose: purpose)
    }

    /// 64-bit FNV-1a over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits (xoshiro256**).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to expand seeds.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
