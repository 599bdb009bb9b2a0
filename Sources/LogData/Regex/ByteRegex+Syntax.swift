// MARK: - Syntax tree and parser for the byte-level regex subset

/// A set of bytes (256 bits).
struct ByteSet: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func == (a: ByteSet, b: ByteSet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }
    func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }

    func contains(_ b: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
    mutating func insert(_ b: UInt8) {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }
    mutating func insert(range: ClosedRange<UInt8>) { for b in range { insert(b) } }
    mutating func formUnion(_ o: ByteSet) {
        words.0 |= o.words.0; words.1 |= o.words.1; words.2 |= o.words.2; words.3 |= o.words.3
    }
    mutating func formIntersection(_ o: ByteSet) {
        words.0 &= o.words.0; words.1 &= o.words.1; words.2 &= o.words.2; words.3 &= o.words.3
    }
    /// True when every byte of `self` is in `o`.
    func isSubset(of o: ByteSet) -> Bool {
        words.0 & ~o.words.0 == 0 && words.1 & ~o.words.1 == 0 && words.2 & ~o.words.2 == 0 && words.3 & ~o.words.3 == 0
    }
    var inverted: ByteSet {
        var s = ByteSet(); s.words = (~words.0, ~words.1, ~words.2, ~words.3); return s
    }
    var isEmpty: Bool { self == ByteSet() }

    static let all = ByteSet().inverted
    static let digits: ByteSet = { var s = ByteSet(); s.insert(range: 0x30...0x39); return s }()
    static let word: ByteSet = {
        var s = digits; s.insert(range: 0x41...0x5A); s.insert(range: 0x61...0x7A); s.insert(0x5F)
        // Non-ASCII bytes belong to (Unicode) letters as far as Python's \w is concerned.
        s.insert(range: 0x80...0xFF); return s
    }()
    static let space: ByteSet = {
        var s = ByteSet(); for b: UInt8 in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D] { s.insert(b) }; return s
    }()
    static let dot: ByteSet = { var s = ByteSet.all; s.words.0 &= ~(UInt64(1) << 10); return s }()
    static func single(_ b: UInt8) -> ByteSet { var s = ByteSet(); s.insert(b); return s }
}

/// Errors compiling a pattern. `unsupported` means: use the Foundation fallback.
public enum ByteRegexError: Error, CustomStringConvertible, Equatable {
    case unsupported(pattern: String, reason: String)
    case syntax(pattern: String, reason: String)

    public var description: String {
        switch self {
        case .unsupported(let p, let r): return "regex '\(p)': unsupported by the byte matcher: \(r)"
        case .syntax(let p, let r): return "regex '\(p)': syntax error: \(r)"
        }
    }
}

enum AssertKind: Sendable { case start, end, wordBoundary, notWordBoundary }

indirect enum RegexNode: Sendable {
    case set(ByteSet)
    case empty
    case concat([RegexNode])
    case alt([RegexNode])
    case group(RegexNode, capture: Int?)
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)
    case assertion(AssertKind)
    case look(RegexNode, ahead: Bool, negate: Bool)
}

/// Recursive-descent parser for Python-`re`-style patterns (the subset log masks use).
struct RegexParser {
    let text: String
    let p: [UInt8]
    var i = 0
    var captureCount = 0
    var captureNames: [String: Int] = [:]

    init(_ pattern: String) { text = pattern; p = Array(pattern.utf8) }

    mutating func parse() throws -> RegexNode {
        let node = try parseAlt()
        if i < p.count { throw syntax("unbalanced ')' at offset \(i)") }
        return node
    }

    func unsupported(_ r: String) -> ByteRegexError { .unsupported(pattern: text, reason: r) }
    func syntax(_ r: String) -> ByteRegexError { .syntax(pattern: text, reason: r) }

    mutating func parseAlt() throws -> RegexNode {
        var branches = [try parseConcat()]
        while i < p.count, p[i] == UInt8(ascii: "|") {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alt(branches)
    }

    mutating func parseConcat() throws -> RegexNode {
        var items: [RegexNode] = []
        while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
            let startByte = p[i]
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom, atomStartByte: startByte)
            items.append(atom)
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func parseQuantifiers(_ atomIn: RegexNode, atomStartByte: UInt8) throws -> RegexNode {
        var atom = atomIn
        while i < p.count {
            var minC = 0, maxC: Int? = nil
            let c = p[i]
            if c == UInt8(ascii: "*") { i += 1 }
            else if c == UInt8(ascii: "+") { minC = 1; i += 1 }
            else if c == UInt8(ascii: "?") { maxC = 1; i += 1 }
            else if c == UInt8(ascii: "{"), let (lo, hi, next) = braces(at: i) { minC = lo; maxC = hi; i = next }
            else { break }
            if atomStartByte >= 0x80 { throw unsupported("quantifier after a non-ASCII character") }
            if case .assertion = atom { throw syntax("nothing to repeat") }
            var greedy = true
            if i < p.count, p[i] == UInt8(ascii: "?") { greedy = false; i += 1 }
            else if i < p.count, p[i] == UInt8(ascii: "+") { throw unsupported("possessive quantifier") }
            if let m = maxC, m < minC { throw syntax("bad repetition range") }
            if minC > 1000 || (maxC ?? 0) > 1000 { throw unsupported("repetition count over 1000") }
            atom = .repetition(atom, min: minC, max: maxC, greedy: greedy)
        }
        return atom
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}`; nil when the brace is a literal (as in Python).
    func braces(at start: Int) -> (Int, Int?, Int)? {
        var j = start + 1
        func number() -> Int? {
            var v: Int? = nil
            while j < p.count, p[j] >= 0x30, p[j] <= 0x39 { v = (v ?? 0) * 10 + Int(p[j] - 0x30); j += 1 }
            return v
        }
        let lo = number()
        if j < p.count, p[j] == UInt8(ascii: "}") {
            guard let lo else { return nil }
            return (lo, lo, j + 1)
        }
        guard j < p.count, p[j] == UInt8(ascii: ",") else { return nil }
        j += 1
        let hi = number()
        guard j < p.count, p[j] == UInt8(ascii: "}") else { return nil }
        return (lo ?? 0, hi, j + 1)
    }

    mutating func parseAtom() throws -> RegexNode {
        let c = p[i]
        switch c {
        case UInt8(ascii: "("): return try parseGroup()
        case UInt8(ascii: "["): return .set(try parseClass())
        case UInt8(ascii: "."): i += 1; return .set(.dot)
        case UInt8(ascii: "^"): i += 1; return .assertion(.start)
        case UInt8(ascii: "$"): i += 1; return .assertion(.end)
        case UInt8(ascii: "\\"): return try parseEscape()
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"): throw syntax("nothing to repeat at offset \(i)")
        default: i += 1; return .set(.single(c))
        }
    }

    mutating func parseGroup() throws -> RegexNode {
        i += 1
        var capture: Int? = nil
        if i < p.count, p[i] == UInt8(ascii: "?") {
            i += 1
            guard i < p.count else { throw syntax("truncated group") }
            switch p[i] {
            case UInt8(ascii: ":"): i += 1
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                let negate = p[i] == UInt8(ascii: "!"); i += 1
                let body = try parseAlt(); try close()
                return .look(body, ahead: true, negate: negate)
            case UInt8(ascii: "<") where i + 1 < p.count && (p[i + 1] == UInt8(ascii: "=") || p[i + 1] == UInt8(ascii: "!")):
                let negate = p[i + 1] == UInt8(ascii: "!"); i += 2
                let body = try parseAlt(); try close()
                return .look(body, ahead: false, negate: negate)
            case UInt8(ascii: "P"), UInt8(ascii: "<"):
                if p[i] == UInt8(ascii: "P") { i += 1 }
                guard i < p.count, p[i] == UInt8(ascii: "<") else { throw unsupported("(?P= backreference") }
                i += 1
                var name = [UInt8]()
                while i < p.count, p[i] != UInt8(ascii: ">") { name.append(p[i]); i += 1 }
                guard i < p.count else { throw syntax("unterminated group name") }
                i += 1
                captureCount += 1
                capture = captureCount
                captureNames[String(decoding: name, as: UTF8.self)] = captureCount
            default: throw unsupported("group flag (?\(Character(Unicode.Scalar(p[i])))")
            }
        } else {
            captureCount += 1
            capture = captureCount
        }
        let body = try parseAlt()
        try close()
        return .group(body, capture: capture)
    }

    mutating func close() throws {
        guard i < p.count, p[i] == UInt8(ascii: ")") else { throw syntax("missing ')'") }
        i += 1
    }

    /// An escape outside a class.
    mutating func parseEscape() throws -> RegexNode {
        i += 1
        guard i < p.count else { throw syntax("trailing backslash") }
        let c = p[i]; i += 1
        switch c {
        case UInt8(ascii: "b"): return .assertion(.wordBoundary)
        case UInt8(ascii: "B"): return .assertion(.notWordBoundary)
        case UInt8(ascii: "A"): return .assertion(.start)
        case UInt8(ascii: "Z"): return .assertion(.end)
        default:
            i -= 2
            return .set(try parseClassEscape())
        }
    }

    /// An escape that denotes a set of bytes (inside or outside a class); `i` at the backslash.
    mutating func parseClassEscape() throws -> ByteSet {
        i += 1
        guard i < p.count else { throw syntax("trailing backslash") }
        let c = p[i]; i += 1
        switch c {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.inverted
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return ByteSet.word.inverted
        case UInt8(ascii: "s"): return .space
        case UInt8(ascii: "S"): return ByteSet.space.inverted
        case UInt8(ascii: "n"): return .single(0x0A)
        case UInt8(ascii: "t"): return .single(0x09)
        case UInt8(ascii: "r"): return .single(0x0D)
        case UInt8(ascii: "f"): return .single(0x0C)
        case UInt8(ascii: "v"): return .single(0x0B)
        case UInt8(ascii: "x"):
            guard i + 1 < p.count, let h = UInt8(String(decoding: p[i...i + 1], as: UTF8.self), radix: 16)
            else { throw syntax("bad \\x escape") }
            i += 2
            if h >= 0x80 { throw unsupported("\\x escape above 0x7F") }
            return .single(h)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): throw unsupported("backreference or octal escape")
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            throw unsupported("escape \\\(Character(Unicode.Scalar(c)))")
        default:
            if c >= 0x80 { throw unsupported("escaped non-ASCII character") }
            return .single(c)
        }
    }

    mutating func parseClass() throws -> ByteSet {
        i += 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
        var set = ByteSet()
        var first = true
        while true {
            guard i < p.count else { throw syntax("unterminated character class") }
            let c = p[i]
            if c == UInt8(ascii: "]") && !first { i += 1; break }
            first = false
            if c >= 0x80 { throw unsupported("non-ASCII character in a class") }
            var lowSet: ByteSet
            var low: UInt8? = nil
            if c == UInt8(ascii: "\\") {
                lowSet = try parseClassEscape()
                if lowSet.single != nil { low = lowSet.single }
            } else {
                i += 1; low = c; lowSet = .single(c)
            }
            if let lo = low, i + 1 < p.count, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                i += 1
                var hi: UInt8
                if p[i] == UInt8(ascii: "\\") {
                    guard let h = try parseClassEscape().single else { throw syntax("bad class range") }
                    hi = h
                } else {
                    hi = p[i]; i += 1
                    if hi >= 0x80 { throw unsupported("non-ASCII character in a class") }
                }
                guard lo <= hi else { throw syntax("bad character range") }
                lowSet.insert(range: lo...hi)
            }
            set.formUnion(lowSet)
        }
        return negate ? set.inverted : set
    }
}

extension ByteSet {
    /// The single byte of a one-element set.
    var single: UInt8? {
        var found: UInt8? = nil
        for b in 0...255 where contains(UInt8(b)) {
            if found != nil { return nil }
            found = UInt8(b)
        }
        return found
    }
}
