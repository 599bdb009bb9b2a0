// MARK: - Masker: mask rules applied in order, byte buffers ping-ponged

/// Applies a list of ``MaskRule``s in order, each over the previous one's output (as Drain3's
/// `LogMasker` and logparser's `preprocess` do). Reuses two scratch buffers: no allocation per line.
/// A rule whose pattern needs a byte the line does not contain is skipped without scanning.
final class Masker {
    let matchers: [TextPatternMatcher]
    let replacements: [[UInt8]]
    /// Bytes each rule needs in the line (the rule is skipped when one is absent).
    let required: [[UInt8]]
    let replacementBytes: [[UInt8]]
    var front: [UInt8] = []
    var back: [UInt8] = []

    init(_ rules: [MaskRule]) throws {
        let patterns = try rules.map { try TextPattern($0.pattern) }
        matchers = patterns.map { $0.makeMatcher() }
        required = patterns.map { p in (0...255).map(UInt8.init).filter { p.requiredBytes.contains($0) } }
        replacements = rules.map { Array($0.replacement.utf8) }
        replacementBytes = replacements
        front.reserveCapacity(4096)
        back.reserveCapacity(4096)
    }

    var isEmpty: Bool { matchers.isEmpty }

    /// Masks `input` and calls `body` with the result (valid only during the call).
    func mask<R>(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if matchers.isEmpty { return body(input) }
        // Bytes present in the line; only ever a superset after replacements (safe for skipping).
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 256) { present in
            present.initialize(repeating: false)
            for b in input { present[Int(b)] = true }
            return mask(input, present: present, body)
        }
    }

    func mask<R>(_ input: UnsafeBufferPointer<UInt8>, present: UnsafeMutableBufferPointer<Bool>,
                 _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var current = front
        var spare = back
        front = []; back = []
        defer { front = current; back = spare }
        var usingInput = true
        for k in 0..<matchers.count {
            if !required[k].allSatisfy({ present[Int($0)] }) { continue }
            spare.removeAll(keepingCapacity: true)
            let replaced: Int
            if usingInput {
                replaced = matchers[k].replaceAll(input, with: replacements[k], into: &spare)
            } else {
                replaced = current.withUnsafeBufferPointer { matchers[k].replaceAll($0, with: replacements[k], into: &spare) }
            }
            if replaced > 0 || !usingInput {
                swap(&current, &spare)
                usingInput = false
                for b in replacementBytes[k] { present[Int(b)] = true }
            }
        }
        if usingInput { return body(input) }
        return current.withUnsafeBufferPointer(body)
    }
}
