import Foundation

// MARK: - TextPattern: byte matcher first, Foundation as the fallback

/// A Python-`re`-style pattern. Compiled with ``ByteRegex`` when its syntax is in the supported
/// subset (the fast path), otherwise with `NSRegularExpression` (correct but far slower).
public struct TextPattern: Sendable {
    public let pattern: String
    let bytes: ByteRegex?
    /// Why the byte matcher declined, when it did.
    public let fallbackReason: String?

    public init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            bytes = try ByteRegex(pattern)
            fallbackReason = nil
        } catch ByteRegexError.unsupported(_, let reason) {
            bytes = nil
            fallbackReason = reason
            _ = try TextPattern.foundation(pattern)   // surface syntax errors now
        }
    }

    /// Bytes any match needs in the input (empty when unknown, e.g. on the Foundation path).
    var requiredBytes: ByteSet { bytes?.requiredBytes ?? ByteSet() }

    /// True when the fast byte matcher handles this pattern.
    public var usesByteMatcher: Bool { bytes != nil }

    public func makeMatcher() -> TextPatternMatcher {
        TextPatternMatcher(self)
    }

    /// Python spelling → ICU spelling: `(?P<name>` → `(?<name>`.
    static func foundation(_ pattern: String) throws -> NSRegularExpression {
        let icu = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        do {
            return try NSRegularExpression(pattern: icu)
        } catch {
            throw ByteRegexError.syntax(pattern: pattern, reason: "rejected by NSRegularExpression too: \(error)")
        }
    }
}

/// A per-thread matcher for a ``TextPattern``: replace-all and captures over UTF-8 bytes.
public final class TextPatternMatcher {
    let bytes: ByteRegexMatcher?
    let foundation: NSRegularExpression?
    var foundationCaptures: [Range<Int>?] = []

    init(_ pattern: TextPattern) {
        if let b = pattern.bytes {
            bytes = ByteRegexMatcher(b)
            foundation = nil
        } else {
            bytes = nil
            foundation = try? TextPattern.foundation(pattern.pattern)
        }
    }

    /// `re.sub` of every match in `input` by `replacement`, appended to `output`.
    @discardableResult
    public func replaceAll(_ input: UnsafeBufferPointer<UInt8>, with replacement: [UInt8], into output: inout [UInt8]) -> Int {
        if let bytes { return bytes.replaceAll(input, with: replacement, into: &output) }
        guard let foundation else { output.append(contentsOf: input); return 0 }
        let text = String(decoding: input, as: UTF8.self)
        let ns = NSMutableString(string: text)
        let template = NSRegularExpression.escapedTemplate(for: String(decoding: replacement, as: UTF8.self))
        let n = foundation.replaceMatches(in: ns, range: NSRange(location: 0, length: ns.length), withTemplate: template)
        output.append(contentsOf: Array((ns as String).utf8))
        return n
    }

    /// Anchored-or-searching match of the whole pattern; on success captures are available.
    public func firstMatch(_ input: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        if let bytes { return bytes.firstMatch(input) }
        guard let foundation else { return nil }
        let text = String(decoding: input, as: UTF8.self)
        guard let m = foundation.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        foundationCaptures = (0..<m.numberOfRanges).map { k in
            let r = m.range(at: k)
            guard r.location != NSNotFound, let sr = Range(r, in: text) else { return nil }
            let lo = text.utf8.distance(from: text.startIndex, to: sr.lowerBound)
            let hi = text.utf8.distance(from: text.startIndex, to: sr.upperBound)
            return lo..<hi
        }
        return foundationCaptures.first ?? nil
    }

    /// Byte range of capture `k` of the last match (0 = whole match).
    public func capture(_ k: Int) -> Range<Int>? {
        if let bytes { return bytes.capture(k) }
        return k < foundationCaptures.count ? foundationCaptures[k] : nil
    }
}
