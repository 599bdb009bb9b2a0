import Foundation
// MARK: - TokenTable: byte tokens interned to dense Int32 ids

/// Interns byte strings to dense ids without allocating a String per token. Lookups of unseen
/// tokens do not insert, so the table only grows with the tokens templates actually keep.
struct TokenTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private(set) var hasDigit: [Bool] = []
    private var hashes: [UInt64] = []
    /// Open-addressing slots holding `id + 1` (0 = empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { starts.count }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var k = 0
        while k + 8 <= n {
            let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            k += 8
        }
        while k < n { h = (h ^ UInt64(p[k])) &* 0x0000_0100_0000_01b3; k += 1 }
        h ^= UInt64(n)
        h = (h ^ (h >> 32)) &* 0xd6e8_feb8_6659_fd93
        return h ^ (h >> 32)
    }

    /// The id of the token, or nil when unseen.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let h = TokenTable.hash(p, n)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        return arena.withUnsafeBufferPointer { a -> Int32? in
            while true {
                let v = slots[s]
                if v == 0 { return nil }
                let id = Int(v - 1)
                if hashes[id] == h, Int(lengths[id]) == n,
                   memcmp(a.baseAddress! + Int(starts[id]), p, n) == 0 {
                    return Int32(id)
                }
                s = (s + 1) & mask
            }
        }
    }

    /// The id of the token, inserting it when new.
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if let id = lookup(p, n) { return id }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(n))
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        var digit = false
        for k in 0..<n where p[k] >= 0x30 && p[k] <= 0x39 { digit = true; break }
        hasDigit.append(digit)
        let h = TokenTable.hash(p, n)
        hashes.append(h)
        if starts.count * 2 > slots.count { rehash(slots.count * 2) } else { place(id, hash: h) }
        return id
    }

    mutating func intern(_ s: String) -> Int32 {
        var bytes = Array(s.utf8)
        if bytes.isEmpty { bytes = [0]; return bytes.withUnsafeBufferPointer { intern($0.baseAddress!, 0) } }
        return bytes.withUnsafeBufferPointer { intern($0.baseAddress!, $0.count) }
    }

    private mutating func place(_ id: Int32, hash h: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = id + 1
    }

    private mutating func rehash(_ size: Int) {
        slots = Array(repeating: 0, count: size)
        for id in 0..<starts.count { place(Int32(id), hash: hashes[id]) }
    }

    func string(_ id: Int32) -> String {
        let s = Int(starts[Int(id)]), n = Int(lengths[Int(id)])
        return String(decoding: arena[s..<(s + n)], as: UTF8.self)
    }
}
