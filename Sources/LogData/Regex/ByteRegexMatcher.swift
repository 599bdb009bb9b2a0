// MARK: - ByteRegexMatcher: the backtracking VM with reusable scratch space

/// Runs a ``ByteRegex`` over byte buffers. Holds scratch memory (backtrack stack, capture slots,
/// memo table) so the hot path allocates nothing; one matcher per thread.
///
/// Backtracking is plain until one attempt takes more than `stepBudget` steps; the rest of that
/// search then records visited (instruction, offset) states so a pattern like `(\w{6,} ?){3,}`
/// cannot go exponential: a state that failed once fails again, wherever the attempt started.
public final class ByteRegexMatcher {
    public let regex: ByteRegex
    /// Capture slots (`regex.slotCount`), owned.
    let slots: UnsafeMutablePointer<Int>
    /// Mutable scratch (stack pointer and capacity, memo) behind a pointer: no dynamic
    /// exclusivity checks on the hot path.
    let scratch: UnsafeMutablePointer<Scratch>
    let firstBytes: UnsafeMutableBufferPointer<Bool>
    /// Allowed bytes before a match start (256 entries; position 0 always allowed), from a leading
    /// `((?<=[set])|^)`; all true otherwise.
    let previousBytes: UnsafeMutableBufferPointer<Bool>
    let program: UnsafeMutableBufferPointer<RegexInst>
    let tables: UnsafeMutableBufferPointer<UInt8>

    struct Scratch {
        var stack: UnsafeMutablePointer<Int>
        var stackCapacity: Int
        var memo: [UInt32] = []
        var memoGeneration: UInt32 = 0
    }

    public init(_ regex: ByteRegex) {
        self.regex = regex
        slots = .allocate(capacity: max(regex.slotCount, 2))
        slots.initialize(repeating: -1, count: max(regex.slotCount, 2))
        scratch = .allocate(capacity: 1)
        scratch.initialize(to: Scratch(stack: .allocate(capacity: 1024), stackCapacity: 1024))
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
            _ = b.initialize(from: a)
            return b
        }
        firstBytes = copy(regex.firstBytes ?? Array(repeating: true, count: 256))
        previousBytes = copy((0...255).map { regex.startPrevious?.contains(UInt8($0)) ?? true })
        program = copy(regex.program)
        tables = copy(regex.tables)
    }

    deinit {
        slots.deallocate()
        scratch.pointee.stack.deallocate()
        scratch.deinitialize(count: 1)
        scratch.deallocate()
        firstBytes.deallocate()
        previousBytes.deallocate()
        program.deallocate()
        tables.deallocate()
    }

    /// The byte range of capture `k` (0 = whole match) of the last successful match.
    public func capture(_ k: Int) -> Range<Int>? {
        let s = slots[2 * k], e = slots[2 * k + 1]
        return s >= 0 && e >= s ? s..<e : nil
    }

    /// Anchored match at `start`: the end offset, or nil.
    public func match(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        withVM { $0.attempt(input, start: start) }
    }

    /// The leftmost match starting at or after `from`.
    public func firstMatch(_ input: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Range<Int>? {
        withVM { $0.firstMatch(input, from: from) }
    }

    /// Python `re.sub` over the whole input: every non-overlapping match replaced by `replacement`,
    /// appended to `output`. Returns the number of replacements.
    @discardableResult
    public func replaceAll(_ input: UnsafeBufferPointer<UInt8>, with replacement: [UInt8], into output: inout [UInt8]) -> Int {
        withVM { vm in
            var copied = 0, pos = 0, count = 0
            let n = input.count
            while pos <= n, let m = vm.firstMatch(input, from: pos) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<m.lowerBound]))
                output.append(contentsOf: replacement)
                copied = m.upperBound
                count += 1
                if m.isEmpty {
                    if m.lowerBound < n { output.append(input[m.lowerBound]) }
                    copied = m.lowerBound + 1
                    pos = m.lowerBound + 1
                } else {
                    pos = m.upperBound
                }
            }
            if copied < n { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<n])) }
            return count
        }
    }

    /// Builds a stack-local VM over the owned scratch memory.
    @inline(__always)
    func withVM<R>(_ body: (inout RegexVM) -> R) -> R {
        var vm = RegexVM(prog: UnsafeBufferPointer(program), tables: UnsafeBufferPointer(tables),
                         first: UnsafeBufferPointer(firstBytes), previous: UnsafeBufferPointer(previousBytes),
                         anyStart: regex.firstBytes == nil, anchored: regex.anchoredAtStart,
                         stack: scratch.pointee.stack, stackCapacity: scratch.pointee.stackCapacity, slots: slots,
                         slotCount: regex.slotCount, memo: [], memoGeneration: scratch.pointee.memoGeneration)
        if !scratch.pointee.memo.isEmpty { swap(&vm.memo, &scratch.pointee.memo) }
        let r = body(&vm)
        scratch.pointee.stack = vm.stack
        scratch.pointee.stackCapacity = vm.stackCapacity
        scratch.pointee.memoGeneration = vm.memoGeneration
        if !vm.memo.isEmpty { swap(&vm.memo, &scratch.pointee.memo) }
        return r
    }
}

/// The backtracking machine; lives on the stack for the duration of one matcher call.
struct RegexVM {
    let prog: UnsafeBufferPointer<RegexInst>
    let tables: UnsafeBufferPointer<UInt8>
    let first: UnsafeBufferPointer<Bool>
    let previous: UnsafeBufferPointer<Bool>
    let anyStart: Bool
    let anchored: Bool
    var stack: UnsafeMutablePointer<Int>
    var stackCapacity: Int
    var sp = 0
    let slots: UnsafeMutablePointer<Int>
    let slotCount: Int
    var memo: [UInt32]
    var memoGeneration: UInt32
    var memoActive = false
    static let stepBudget = 4096
    /// Backtrack entries of span instructions have keys below this (capture restores are small negatives).
    static let spanBase = Int.min / 2

    init(prog: UnsafeBufferPointer<RegexInst>, tables: UnsafeBufferPointer<UInt8>, first: UnsafeBufferPointer<Bool>,
         previous: UnsafeBufferPointer<Bool>, anyStart: Bool, anchored: Bool,
         stack: UnsafeMutablePointer<Int>, stackCapacity: Int, slots: UnsafeMutablePointer<Int>, slotCount: Int,
         memo: [UInt32], memoGeneration: UInt32) {
        self.prog = prog; self.tables = tables; self.first = first; self.previous = previous
        self.anyStart = anyStart; self.anchored = anchored
        self.stack = stack; self.stackCapacity = stackCapacity; self.slots = slots; self.slotCount = slotCount
        self.memo = memo; self.memoGeneration = memoGeneration
    }

    @inline(__always)
    mutating func push(_ a: Int, _ b: Int) {
        if sp + 2 > stackCapacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: stackCapacity * 2)
            bigger.moveInitialize(from: stack, count: sp)
            stack.deallocate()
            stack = bigger
            stackCapacity *= 2
        }
        stack[sp] = a; stack[sp + 1] = b
        sp += 2
    }

    mutating func firstMatch(_ input: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
        memoActive = false
        let n = input.count
        if anchored {
            guard from == 0, let e = attempt(input, start: 0) else { return nil }
            return 0..<e
        }
        var s = from
        if anyStart {
            while s <= n { if let e = attempt(input, start: s) { return s..<e }; s += 1 }
            return nil
        }
        while s < n {
            if first[Int(input[s])], s == 0 || previous[Int(input[s - 1])], let e = attempt(input, start: s) { return s..<e }
            s += 1
        }
        return nil
    }

    mutating func attempt(_ input: UnsafeBufferPointer<UInt8>, start: Int) -> Int? {
        resetSlots()
        if let e = run(input, start: start, pc: 0, budget: memoActive ? Int.max : RegexVM.stepBudget) {
            return e < 0 ? nil : e
        }
        // Budget exhausted: memoize failing states for the rest of this search and redo the attempt.
        enableMemo(inputCount: input.count)
        resetSlots()
        let e = run(input, start: start, pc: 0, budget: Int.max)
        return e == nil || e! < 0 ? nil : e
    }

    @inline(__always)
    mutating func resetSlots() {
        for k in 0..<slotCount { slots[k] = -1 }
    }

    mutating func enableMemo(inputCount: Int) {
        let size = prog.count * (inputCount + 1)
        guard size <= 1 << 26 else { memoActive = false; return }
        if memo.count < size { memo = Array(repeating: 0, count: size); memoGeneration = 0 }
        memoGeneration &+= 1
        if memoGeneration == 0 { for k in memo.indices { memo[k] = 0 }; memoGeneration = 1 }
        memoActive = true
    }

    /// Returns the end offset on a match, -2 on failure, nil when the step budget ran out.
    mutating func run(_ input: UnsafeBufferPointer<UInt8>, start: Int, pc startPC: Int, budget: Int) -> Int? {
        let n = input.count
        let base = sp
        defer { sp = base }
        let width = n + 1
        let useMemo = memoActive
        let gen = memoGeneration
        let prog = self.prog, tables = self.tables
        var steps = 0
        var pc = startPC, pos = start
        while true {
            var ok = true
            steps += 1
            if steps > budget { return nil }
            if useMemo {
                let key = pc * width + pos
                if memo[key] == gen { ok = false } else { memo[key] = gen }
            }
            if ok {
                let inst = prog[pc]
                switch inst.op {
                case .byte:
                    if pos < n && input[pos] == UInt8(truncatingIfNeeded: inst.a) { pos += 1; pc += 1 } else { ok = false }
                case .set:
                    if pos < n && tables[Int(inst.a) << 8 | Int(input[pos])] != 0 { pos += 1; pc += 1 } else { ok = false }
                case .split:
                    push(Int(inst.b), pos)
                    pc = Int(inst.a)
                case .jmp: pc = Int(inst.a)
                case .save:
                    let k = Int(inst.a)
                    push(-1 - k, slots[k])
                    slots[k] = pos; pc += 1
                case .assertStart: if pos == 0 { pc += 1 } else { ok = false }
                case .assertEnd: if pos == n { pc += 1 } else { ok = false }
                case .wordBoundary, .notWordBoundary:
                    let before = pos > 0 && ByteSet.word.contains(input[pos - 1])
                    let after = pos < n && ByteSet.word.contains(input[pos])
                    if (before != after) == (inst.op == .wordBoundary) { pc += 1 } else { ok = false }
                case .prevIn: if pos > 0 && tables[Int(inst.a) << 8 | Int(input[pos - 1])] != 0 { pc += 1 } else { ok = false }
                case .prevNotIn: if pos == 0 || tables[Int(inst.a) << 8 | Int(input[pos - 1])] == 0 { pc += 1 } else { ok = false }
                case .nextIn: if pos < n && tables[Int(inst.a) << 8 | Int(input[pos])] != 0 { pc += 1 } else { ok = false }
                case .nextNotIn: if pos == n || tables[Int(inst.a) << 8 | Int(input[pos])] == 0 { pc += 1 } else { ok = false }
                case .look:
                    let negate = inst.b & 1 != 0, behind = inst.b & 2 != 0
                    let found: Bool
                    if behind {
                        let w = Int(inst.b >> 2)
                        found = pos >= w && lookRun(input, start: pos - w, pc: Int(inst.a)) == pos
                    } else {
                        found = lookRun(input, start: pos, pc: Int(inst.a)) != nil
                    }
                    if found != negate { pc += 1 } else { ok = false }
                case .spanGreedy, .spanLazy:
                    let minC = Int(inst.b)
                    let limit = inst.c < 0 ? n : min(n, pos + Int(inst.c))
                    let t = Int(inst.a) << 8
                    var e = pos
                    while e < limit && tables[t | Int(input[e])] != 0 { e += 1 }
                    let r = e - pos
                    if r < minC { ok = false; break }
                    if inst.op == .spanGreedy {
                        // Backtracking gives back one byte at a time, down to pos + min.
                        if r > minC { push(RegexVM.spanBase + (pc + 1) * 2, (pos + minC) << 32 | (e - 1)) }
                        pos = e
                    } else {
                        // Backtracking takes one more byte at a time, up to the run's end.
                        if r > minC { push(RegexVM.spanBase + (pc + 1) * 2 + 1, e << 32 | (pos + minC + 1)) }
                        pos += minC
                    }
                    pc += 1
                case .progressCheck:
                    if slots[Int(inst.a)] != pos { pc += 1 } else { ok = false }
                case .match:
                    return pos
                }
            }
            if !ok {
                // Backtrack: undo saves until an alternative is found.
                while true {
                    if sp == base { return -2 }
                    sp -= 2
                    let k = stack[sp], v = stack[sp + 1]
                    if k < -(1 << 60) {
                        let code = k - RegexVM.spanBase
                        let bound = v >> 32, next = v & 0xFFFF_FFFF
                        if code & 1 == 0 {
                            if next - 1 >= bound { push(k, bound << 32 | (next - 1)) }
                        } else {
                            if next + 1 <= bound { push(k, bound << 32 | (next + 1)) }
                        }
                        pc = code >> 1; pos = next
                        break
                    }
                    if k < 0 { slots[-1 - k] = v; continue }
                    pc = k; pos = v
                    break
                }
            }
        }
    }

    /// Runs a lookaround sub-program (no memo, no budget); its captures are discarded.
    mutating func lookRun(_ input: UnsafeBufferPointer<UInt8>, start: Int, pc: Int) -> Int? {
        let saved = Array(UnsafeBufferPointer(start: slots, count: slotCount))
        let wasMemo = memoActive
        memoActive = false
        defer {
            for k in 0..<slotCount { slots[k] = saved[k] }
            memoActive = wasMemo
        }
        let e = run(input, start: start, pc: pc, budget: Int.max)
        return e == nil || e! < 0 ? nil : e
    }
}

extension ByteRegexMatcher {
    /// Convenience for tests and cold paths: all matches of the regex in a string.
    public func matches(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            var out: [String] = []
            var pos = 0
            while pos <= buf.count, let m = firstMatch(buf, from: pos) {
                out.append(String(decoding: buf[m], as: UTF8.self))
                pos = m.isEmpty ? m.upperBound + 1 : m.upperBound
            }
            return out
        }
    }

    /// Convenience: `re.sub(pattern, replacement, text)`.
    public func replacingAll(in text: String, with replacement: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { _ = replaceAll($0, with: Array(replacement.utf8), into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
