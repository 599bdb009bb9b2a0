// MARK: - ByteRegexMatcher: the backtracking VM with reusable scratch space

/// Runs a ``ByteRegex`` over byte buffers. Holds scratch memory (backtrack stack, capture slots,
/// memo table) so the hot path allocates nothing; one matcher per thread.
///
/// Backtracking is plain until one attempt takes more than `stepBudget` steps; the rest of that
/// search then records visited (instruction, offset) states so a pattern like `(\w{6,} ?){3,}`
/// cannot go exponential: a state that failed once fails again, wherever the attempt started.
public final class ByteRegexMatcher {
    public let regex: ByteRegex
    var slots: [Int]
    var stack: [Int] = []
    var memo: [UInt32] = []
    var memoGeneration: UInt32 = 0
    var memoActive = false
    let stepBudget = 4096

    public init(_ regex: ByteRegex) {
        self.regex = regex
        slots = Array(repeating: -1, count: regex.slotCount)
        stack.reserveCapacity(256)
    }

    /// The byte range of capture `k` (0 = whole match) of the last successful match.
    public func capture(_ k: Int) -> Range<Int>? {
        let s = slots[2 * k], e = slots[2 * k + 1]
        return s >= 0 && e >= s ? s..<e : nil
    }

    /// Anchored match at `start`: the end offset, or nil.
    public func match(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        memoActive = false
        return attempt(input, start: start, pc: 0)
    }

    /// The leftmost match starting at or after `from`.
    public func firstMatch(_ input: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Range<Int>? {
        memoActive = false
        let n = input.count
        if regex.anchoredAtStart {
            guard from == 0, let e = attempt(input, start: 0, pc: 0) else { return nil }
            return 0..<e
        }
        guard let first = regex.firstBytes else {
            var s = from
            while s <= n { if let e = attempt(input, start: s, pc: 0) { return s..<e }; s += 1 }
            return nil
        }
        return first.withUnsafeBufferPointer { fb -> Range<Int>? in
            var s = from
            while s < n {
                if fb[Int(input[s])], let e = attempt(input, start: s, pc: 0) { return s..<e }
                s += 1
            }
            return nil
        }
    }

    /// Python `re.sub` over the whole input: every non-overlapping match replaced by `replacement`,
    /// appended to `output`. Returns the number of replacements.
    @discardableResult
    public func replaceAll(_ input: UnsafeBufferPointer<UInt8>, with replacement: [UInt8], into output: inout [UInt8]) -> Int {
        var copied = 0, pos = 0, count = 0
        let n = input.count
        while pos <= n, let m = firstMatch(input, from: pos) {
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

    // MARK: VM

    func attempt(_ input: UnsafeBufferPointer<UInt8>, start: Int, pc startPC: Int) -> Int? {
        for k in slots.indices { slots[k] = -1 }
        if let e = run(input, start: start, pc: startPC, budget: memoActive ? Int.max : stepBudget) { return e == -2 ? nil : e }
        // Budget exhausted: switch this search to memoized mode and redo the attempt.
        enableMemo(programCount: regex.program.count, inputCount: input.count)
        for k in slots.indices { slots[k] = -1 }
        let e = run(input, start: start, pc: startPC, budget: Int.max)
        return e == nil || e == -2 ? nil : e
    }

    func enableMemo(programCount: Int, inputCount: Int) {
        let size = programCount * (inputCount + 1)
        guard size <= 1 << 26 else { memoActive = false; return }
        if memo.count < size { memo = Array(repeating: 0, count: size); memoGeneration = 0 }
        memoGeneration &+= 1
        if memoGeneration == 0 { for k in memo.indices { memo[k] = 0 }; memoGeneration = 1 }
        memoActive = true
    }

    /// Returns the end offset on a match, -2 on failure, nil when the step budget ran out.
    func run(_ input: UnsafeBufferPointer<UInt8>, start: Int, pc startPC: Int, budget: Int) -> Int? {
        let n = input.count
        let base = stack.count
        defer { stack.removeSubrange(base...) }
        let width = n + 1
        let useMemo = memoActive
        let gen = memoGeneration
        var steps = 0
        return regex.program.withUnsafeBufferPointer { prog -> Int? in
            regex.tables.withUnsafeBufferPointer { tables -> Int? in
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
                            stack.append(Int(inst.b)); stack.append(pos)
                            pc = Int(inst.a)
                        case .jmp: pc = Int(inst.a)
                        case .save:
                            let k = Int(inst.a)
                            stack.append(-1 - k); stack.append(slots[k])
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
                            var found: Bool
                            if behind {
                                let w = Int(inst.b >> 2)
                                found = pos >= w && lookRun(input, start: pos - w, pc: Int(inst.a)) == pos
                            } else {
                                found = lookRun(input, start: pos, pc: Int(inst.a)) != nil
                            }
                            if found != negate { pc += 1 } else { ok = false }
                        case .progressCheck:
                            if slots[Int(inst.a)] != pos { pc += 1 } else { ok = false }
                        case .match:
                            return pos
                        }
                    }
                    if !ok {
                        // Backtrack: undo saves until an alternative is found.
                        while true {
                            if stack.count == base { return -2 }
                            let v = stack.removeLast(), k = stack.removeLast()
                            if k < 0 { slots[-1 - k] = v; continue }
                            pc = k; pos = v
                            break
                        }
                    }
                }
            }
        }
    }

    /// Runs a lookaround sub-program (no memo, no budget; its own captures are not kept).
    func lookRun(_ input: UnsafeBufferPointer<UInt8>, start: Int, pc: Int) -> Int? {
        let saved = slots
        let wasMemo = memoActive
        memoActive = false
        defer { slots = saved; memoActive = wasMemo }
        let e = run(input, start: start, pc: pc, budget: Int.max)
        return e == nil || e == -2 ? nil : e
    }
}

extension ByteRegexMatcher {
    /// Convenience for tests and cold paths: all matches of the regex in a string.
    public func matches(in text: String) -> [String] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { mb in
            let buf = UnsafeBufferPointer(mb)
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
