// MARK: - Masker: mask rules applied in order, byte buffers ping-ponged

/// Applies a list of ``MaskRule``s in order, each over the previous one's output (as Drain3's
/// `LogMasker` and logparser's `preprocess` do). Reuses two scratch buffers: no allocation per line.
final class Masker {
    let matchers: [TextPatternMatcher]
    let replacements: [[UInt8]]
    var front: [UInt8] = []
    var back: [UInt8] = []

    init(_ rules: [MaskRule]) throws {
        matchers = try rules.map { try TextPattern($0.pattern).makeMatcher() }
        replacements = rules.map { Array($0.replacement.utf8) }
        front.reserveCapacity(4096)
        back.reserveCapacity(4096)
    }

    var isEmpty: Bool { matchers.isEmpty }

    /// Masks `input` and calls `body` with the result (valid only during the call).
    func mask<R>(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if matchers.isEmpty { return body(input) }
        front.removeAll(keepingCapacity: true)
        matchers[0].replaceAll(input, with: replacements[0], into: &front)
        var k = 1
        while k < matchers.count {
            back.removeAll(keepingCapacity: true)
            let m = matchers[k], r = replacements[k]
            front.withUnsafeBufferPointer { src in _ = m.replaceAll(src, with: r, into: &back) }
            swap(&front, &back)
            k += 1
        }
        return front.withUnsafeBufferPointer(body)
    }
}
