// MARK: - ByteRegex: a compiled byte-level backtracking regex

/// A regular expression compiled for matching raw UTF-8 bytes, for the Python-`re` subset that
/// log masks and loghub formats use: classes, `\d \w \s \b`, groups (capturing, `(?:…)`,
/// `(?P<name>…)`), alternation, `? * + {m,n}` (greedy and lazy), `^ $`, lookahead and
/// fixed-width lookbehind. Anything else throws ``ByteRegexError/unsupported(pattern:reason:)``
/// so callers can fall back to Foundation (see ``TextPattern``).
///
/// Semantics are leftmost-first (Perl/Python): the first alternative that leads to a match wins.
/// Classes are ASCII (`\d` is `[0-9]`); `.` matches any byte but `\n`; `\w` treats non-ASCII bytes
/// as word bytes, like Python does for Unicode letters.
public struct ByteRegex: Sendable {
    public let pattern: String
    /// Number of capture groups (group 0, the whole match, not counted).
    public let captureCount: Int
    /// Named groups → capture index.
    public let captureNames: [String: Int]

    let program: [RegexInst]
    /// Byte-set tables, 256 entries (0/1) per set.
    let tables: [UInt8]
    let slotCount: Int
    /// Bytes a match can start with (256 entries), nil when any position may match (nullable pattern).
    let firstBytes: [Bool]?
    /// True when the pattern begins with `^` on every path: only offset 0 can match.
    let anchoredAtStart: Bool
    /// Bytes allowed just before a match start (offset 0 always allowed) when the pattern opens
    /// with `(?<=[set])` or `((?<=[set])|^)`, the usual "not inside a word" guard of log masks.
    let startPrevious: ByteSet?
    /// Bytes every match (with its lookarounds) needs somewhere in the input: a line lacking one
    /// cannot match, so masking can skip it.
    let requiredBytes: ByteSet

    public init(_ pattern: String) throws {
        var parser = RegexParser(pattern)
        let root = try parser.parse()
        var compiler = RegexCompiler(pattern: pattern, captureCount: parser.captureCount)
        try compiler.compileMain(root)
        self.pattern = pattern
        self.captureCount = parser.captureCount
        self.captureNames = parser.captureNames
        self.program = compiler.program
        self.tables = compiler.tables
        self.slotCount = compiler.nextSlot
        let first = RegexAnalysis.first(root)
        if first.nullable {
            firstBytes = nil
        } else {
            firstBytes = (0...255).map { first.set.contains(UInt8($0)) }
        }
        anchoredAtStart = RegexAnalysis.anchoredAtStart(root)
        startPrevious = RegexAnalysis.startPrevious(root)
        requiredBytes = RegexAnalysis.required(root)
    }
}

// MARK: - Program

struct RegexInst: Sendable {
    enum Op: UInt8, Sendable {
        case byte, set, split, jmp, save, assertStart, assertEnd, wordBoundary, notWordBoundary
        case prevIn, prevNotIn, nextIn, nextNotIn, look, progressCheck, match
        /// `[set]{min,max}` greedy / lazy in one instruction: a = set, b = min, c = max (-1 = none).
        case spanGreedy, spanLazy
    }
    var op: Op
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
}

/// Compiles a syntax tree into a backtracking program. Lookaround bodies wider than one byte are
/// compiled as sub-programs after the main one, each ending in `match`.
struct RegexCompiler {
    let pattern: String
    var program: [RegexInst] = []
    var tables: [UInt8] = []
    var tableIndex: [ByteSet: Int32] = [:]
    var nextSlot: Int
    var pendingLooks: [(inst: Int, body: RegexNode)] = []

    init(pattern: String, captureCount: Int) {
        self.pattern = pattern
        nextSlot = 2 * (captureCount + 1)
    }

    mutating func compileMain(_ root: RegexNode) throws {
        emit(.init(op: .save, a: 0))
        try compile(root)
        emit(.init(op: .save, a: 1))
        emit(.init(op: .match))
        var k = 0
        while k < pendingLooks.count {
            let (at, body) = pendingLooks[k]
            program[at].a = Int32(program.count)
            try compile(body)
            emit(.init(op: .match))
            k += 1
        }
    }

    @discardableResult
    mutating func emit(_ inst: RegexInst) -> Int { program.append(inst); return program.count - 1 }

    mutating func table(_ set: ByteSet) -> Int32 {
        if let t = tableIndex[set] { return t }
        let t = Int32(tables.count / 256)
        tables.append(contentsOf: (0...255).map { set.contains(UInt8($0)) ? 1 : 0 })
        tableIndex[set] = t
        return t
    }

    mutating func compile(_ node: RegexNode) throws {
        switch node {
        case .empty: break
        case .set(let s):
            if let b = s.single { emit(.init(op: .byte, a: Int32(b))) } else { emit(.init(op: .set, a: table(s))) }
        case .concat(let items): for item in items { try compile(item) }
        case .alt(let branches):
            var jumpsToEnd: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = emit(.init(op: .split))
                    program[split].a = Int32(program.count)
                    try compile(branch)
                    jumpsToEnd.append(emit(.init(op: .jmp)))
                    program[split].b = Int32(program.count)
                } else {
                    try compile(branch)
                }
            }
            for j in jumpsToEnd { program[j].a = Int32(program.count) }
        case .group(let body, let capture):
            if let c = capture { emit(.init(op: .save, a: Int32(2 * c))) }
            try compile(body)
            if let c = capture { emit(.init(op: .save, a: Int32(2 * c + 1))) }
        case .repetition(let body, let minC, let maxC, let greedy):
            if case .set(let s) = RegexAnalysis.unwrapGroups(body) {
                emit(.init(op: greedy ? .spanGreedy : .spanLazy, a: table(s), b: Int32(minC), c: Int32(maxC ?? -1)))
                return
            }
            for _ in 0..<minC { try compile(body) }
            if let maxC {
                var exits: [Int] = []
                for _ in minC..<maxC {
                    let split = emit(.init(op: .split))
                    exits.append(split)
                    let bodyStart = Int32(program.count)
                    try compile(body)
                    if greedy { program[split].a = bodyStart } else { program[split].b = bodyStart }
                }
                let end = Int32(program.count)
                for s in exits { if greedy { program[s].b = end } else { program[s].a = end } }
            } else {
                let nullable = RegexAnalysis.first(body).nullable
                let loop = emit(.init(op: .split))
                let bodyStart = Int32(program.count)
                var slot: Int32 = -1
                if nullable { slot = Int32(nextSlot); nextSlot += 1; emit(.init(op: .save, a: slot)) }
                try compile(body)
                if nullable { emit(.init(op: .progressCheck, a: slot)) }
                emit(.init(op: .jmp, a: Int32(loop)))
                let end = Int32(program.count)
                program[loop].a = greedy ? bodyStart : end
                program[loop].b = greedy ? end : bodyStart
            }
        case .assertion(let kind):
            switch kind {
            case .start: emit(.init(op: .assertStart))
            case .end: emit(.init(op: .assertEnd))
            case .wordBoundary: emit(.init(op: .wordBoundary))
            case .notWordBoundary: emit(.init(op: .notWordBoundary))
            }
        case .look(let body, let ahead, let negate):
            if case .set(let s) = RegexAnalysis.unwrapGroups(body) {
                let op: RegexInst.Op = ahead ? (negate ? .nextNotIn : .nextIn) : (negate ? .prevNotIn : .prevIn)
                emit(.init(op: op, a: table(s)))
                return
            }
            var flags: Int32 = (negate ? 1 : 0) | (ahead ? 0 : 2)
            if !ahead {
                guard let w = RegexAnalysis.fixedWidth(body) else {
                    throw ByteRegexError.syntax(pattern: pattern, reason: "look-behind requires a fixed-width pattern")
                }
                flags |= Int32(w) << 2
            }
            if RegexAnalysis.containsCapture(body) {
                throw ByteRegexError.unsupported(pattern: pattern, reason: "capture group inside a lookaround")
            }
            let at = emit(.init(op: .look, a: 0, b: flags))
            pendingLooks.append((at, body))
        }
    }
}

// MARK: - Static analysis

enum RegexAnalysis {
    /// The bytes a match can start with, and whether the node can match the empty string.
    static func first(_ node: RegexNode) -> (set: ByteSet, nullable: Bool) {
        switch node {
        case .empty, .assertion, .look: return (ByteSet(), true)
        case .set(let s): return (s, false)
        case .group(let b, _): return first(b)
        case .repetition(let b, let minC, _, _):
            let f = first(b)
            return (f.set, f.nullable || minC == 0)
        case .alt(let bs):
            var s = ByteSet(); var n = false
            for b in bs { let f = first(b); s.formUnion(f.set); n = n || f.nullable }
            return (s, n)
        case .concat(let items):
            var s = ByteSet()
            for item in items {
                let f = first(item); s.formUnion(f.set)
                if !f.nullable { return (s, false) }
            }
            return (s, true)
        }
    }

    static func anchoredAtStart(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.start): return true
        case .group(let b, _): return anchoredAtStart(b)
        case .concat(let items): return items.first.map(anchoredAtStart) ?? false
        case .alt(let bs): return bs.allSatisfy(anchoredAtStart)
        default: return false
        }
    }

    /// Bytes that occur in the input whenever the node matches (single-byte atoms on every path).
    static func required(_ node: RegexNode) -> ByteSet {
        switch node {
        case .empty, .assertion: return ByteSet()
        case .set(let s): return s.single.map { ByteSet.single($0) } ?? ByteSet()
        case .group(let b, _): return required(b)
        case .repetition(let b, let minC, _, _): return minC > 0 ? required(b) : ByteSet()
        case .look(let b, _, let negate): return negate ? ByteSet() : required(b)
        case .concat(let items):
            var acc = ByteSet()
            for item in items { acc.formUnion(required(item)) }
            return acc
        case .alt(let bs):
            guard var acc = bs.first.map(required) else { return ByteSet() }
            for b in bs.dropFirst() { acc.formIntersection(required(b)) }
            return acc
        }
    }

    /// The byte set a leading one-byte lookbehind requires, where every path starts with it or `^`.
    static func startPrevious(_ node: RegexNode) -> ByteSet? {
        switch node {
        case .look(let body, ahead: false, negate: false):
            if case .set(let s) = unwrapGroups(body) { return s }
            return nil
        case .group(let b, _): return startPrevious(b)
        case .concat(let items): return items.first.flatMap(startPrevious)
        case .alt(let bs):
            var acc = ByteSet()
            var sawLook = false
            for b in bs {
                if case .assertion(.start) = unwrapGroups(b) { continue }
                guard let s = startPrevious(b) else { return nil }
                acc.formUnion(s); sawLook = true
            }
            return sawLook ? acc : nil
        default: return nil
        }
    }

    static func fixedWidth(_ node: RegexNode) -> Int? {
        switch node {
        case .empty, .assertion, .look: return 0
        case .set: return 1
        case .group(let b, _): return fixedWidth(b)
        case .repetition(let b, let minC, let maxC, _):
            guard maxC == minC, let w = fixedWidth(b) else { return nil }
            return w * minC
        case .concat(let items):
            var t = 0
            for item in items { guard let w = fixedWidth(item) else { return nil }; t += w }
            return t
        case .alt(let bs):
            let ws = bs.map(fixedWidth)
            guard let w0 = ws.first ?? 0, ws.allSatisfy({ $0 == w0 }) else { return nil }
            return w0
        }
    }

    static func unwrapGroups(_ node: RegexNode) -> RegexNode {
        if case .group(let b, nil) = node { return unwrapGroups(b) }
        return node
    }

    static func containsCapture(_ node: RegexNode) -> Bool {
        switch node {
        case .group(let b, let c): return c != nil || containsCapture(b)
        case .concat(let xs), .alt(let xs): return xs.contains(where: containsCapture)
        case .repetition(let b, _, _, _), .look(let b, _, _): return containsCapture(b)
        default: return false
        }
    }
}
