import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Word vectors restricted to a vocabulary, read from the GloVe text format (`word v1 … vD` per line).
public struct WordVectors: Sendable {
    public var dimension: Int
    /// Vectors of the requested words found in the file.
    public var vectors: [String: [Float]]
    /// Lines scanned in the file (its vocabulary size).
    public var fileWordCount: Int

    public init(dimension: Int, vectors: [String: [Float]], fileWordCount: Int) {
        self.dimension = dimension
        self.vectors = vectors
        self.fileWordCount = fileWordCount
    }

    /// Loads the vectors of `vocabulary` from `url`.
    ///
    /// Byte-level: each line's word is hashed in place and compared with the wanted words; floats
    /// are parsed by hand only for wanted words, and no `String` is made for other lines. The
    /// dimension is that of the first line and must match `expectedDimension` when given.
    public static func load(from url: URL, vocabulary: Set<String>, expectedDimension: Int? = nil) throws -> WordVectors {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputFileError(file: url.path, "word-vector file not found")
        }
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        // Wanted words by FNV-1a hash of their UTF-8 bytes.
        var wanted: [UInt64: [(bytes: [UInt8], word: String)]] = [:]
        for w in vocabulary {
            let b = Array(w.utf8)
            wanted[fnv1a(b), default: []].append((b, w))
        }
        var found: [String: [Float]] = [:]
        var dimension = expectedDimension ?? -1
        var lines = 0
        var failure: InputFileError?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let n = raw.count
            var start = 0
            while start < n {
                let nl = memchr(base + start, 10, n - start)
                let end = nl.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
                lines += 1
                defer { start = end + 1 }
                var sp = start
                while sp < end && base[sp] != 32 { sp += 1 }
                if lines == 1 {
                    var count = 0
                    var k = sp
                    while k < end { if base[k] == 32 && k + 1 < end && base[k + 1] != 32 { count += 1 }; k += 1 }
                    if expectedDimension != nil && count != dimension {
                        failure = InputFileError(file: url.path, line: 1, "expected \(dimension)-dimensional vectors, found \(count) numbers")
                        return
                    }
                    dimension = count
                }
                var h: UInt64 = 0xcbf29ce484222325
                for k in start..<sp { h = (h ^ UInt64(base[k])) &* 0x100000001b3 }
                guard let candidates = wanted[h] else { continue }
                let len = sp - start
                for cand in candidates where cand.bytes.count == len {
                    if memcmp(base + start, cand.bytes, len) != 0 { continue }
                    var vec = [Float](repeating: 0, count: dimension)
                    var p = sp
                    var got = 0
                    while got < dimension {
                        while p < end && base[p] == 32 { p += 1 }
                        guard p < end, let (value, next) = parseFloat(base, p, end) else { break }
                        vec[got] = value
                        got += 1
                        p = next
                    }
                    if got != dimension {
                        failure = InputFileError(file: url.path, line: lines,
                                                 "expected \(dimension) numbers for \"\(cand.word)\", parsed \(got)")
                        return
                    }
                    found[cand.word] = vec
                }
            }
        }
        if let failure { throw failure }
        guard dimension > 0 else { throw InputFileError(file: url.path, "no vectors in file") }
        return WordVectors(dimension: dimension, vectors: found, fileWordCount: lines)
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// Parses `[-+]digits[.digits][e[-+]digits]` at `p`; returns the value and the index after it.
    @inline(__always)
    static func parseFloat(_ s: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Float, Int)? {
        var p = start
        var negative = false
        if s[p] == 45 { negative = true; p += 1 } else if s[p] == 43 { p += 1 }
        var mantissa: UInt64 = 0
        var exponent = 0
        var digits = 0
        while p < end, s[p] >= 48, s[p] <= 57 {
            if mantissa < 100_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(s[p] - 48) } else { exponent += 1 }
            p += 1; digits += 1
        }
        if p < end, s[p] == 46 {
            p += 1
            while p < end, s[p] >= 48, s[p] <= 57 {
                if mantissa < 100_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(s[p] - 48); exponent -= 1 }
                p += 1; digits += 1
            }
        }
        guard digits > 0 else { return nil }
        if p < end, s[p] == 101 || s[p] == 69 {
            p += 1
            var expNegative = false
            if p < end, s[p] == 45 { expNegative = true; p += 1 } else if p < end, s[p] == 43 { p += 1 }
            var e = 0
            while p < end, s[p] >= 48, s[p] <= 57 { e = min(e * 10 + Int(s[p] - 48), 10_000); p += 1 }
            exponent += expNegative ? -e : e
        }
        var value = Double(mantissa)
        if exponent < 0 { value /= pow10(-exponent) } else if exponent > 0 { value *= pow10(exponent) }
        return (Float(negative ? -value : value), p)
    }

    static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
                                        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    @inline(__always)
    static func pow10(_ e: Int) -> Double {
        e < powersOfTen.count ? powersOfTen[e] : Foundation.pow(10.0, Double(e))
    }
}
