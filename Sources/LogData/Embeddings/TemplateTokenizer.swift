import Foundation

/// Turns a template into words for embedding.
///
/// 1. Mask tokens are removed: `<*>`, `<NUM>`-style (`<` upper-case/underscore/`*` `>`) and
///    `[NUM]`-style (`[` upper-case/underscore/`*` `]`).
/// 2. The rest is split on every non-alphanumeric character (so `_` splits snake case).
/// 3. Each token is split at case and digit boundaries (`HTTPServer` → `HTTP`, `Server`;
///    `getBlock2` → `get`, `Block`, `2`).
/// 4. Sub-words are lower-cased; sub-words that are not purely alphabetic are dropped, and a
///    token with no sub-word left is dropped.
///
/// The result keeps the token level (`[[String]]`: tokens → sub-words) because MetaLog's code
/// weights tokens and averages the vectors of their sub-words (§3 of the reference).
public enum TemplateTokenizer {
    /// Tokens of `template`, each as its lower-case alphabetic sub-words.
    public static func tokens(_ template: String) -> [[String]] {
        var out: [[String]] = []
        for raw in rawTokens(stripMasks(template)) {
            let subs = camelSplit(raw).compactMap { sub -> String? in
                guard sub.allSatisfy({ $0.isLetter }) else { return nil }
                return sub.lowercased()
            }
            if !subs.isEmpty { out.append(subs) }
        }
        return out
    }

    /// The tokens before camel splitting (used as IDF keys by the MetaLog-code weighting),
    /// paired with their sub-words; tokens with no alphabetic sub-word are dropped.
    public static func tokensWithRaw(_ template: String) -> [(raw: String, words: [String])] {
        var out: [(String, [String])] = []
        for raw in rawTokens(stripMasks(template)) {
            let subs = camelSplit(raw).compactMap { sub -> String? in
                sub.allSatisfy({ $0.isLetter }) ? sub.lowercased() : nil
            }
            if !subs.isEmpty { out.append((raw, subs)) }
        }
        return out
    }

    /// All words of `template`, flattened (`tokens(template).joined()`).
    public static func words(_ template: String) -> [String] { tokens(template).flatMap { $0 } }

    // MARK: - Steps

    /// Replaces mask tokens with a space.
    static func stripMasks(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<" || c == "[" {
                let close: Character = c == "<" ? ">" : "]"
                var j = i + 1
                while j < chars.count, chars[j] == "*" || chars[j] == "_" || (chars[j].isUppercase && chars[j].isLetter) { j += 1 }
                if j > i + 1, j < chars.count, chars[j] == close {
                    out.append(" ")
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Maximal runs of letters and digits.
    static func rawTokens(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Splits at lower→upper, at the last upper of an upper run followed by lower
    /// (`HTTPServer` → `HTTP|Server`), and between letters and digits.
    static func camelSplit(_ token: String) -> [String] {
        enum Kind { case upper, lower, digit }
        let chars = Array(token)
        func kind(_ c: Character) -> Kind { c.isNumber ? .digit : (c.isUppercase ? .upper : .lower) }
        var parts: [String] = []
        var current = ""
        for i in chars.indices {
            let k = kind(chars[i])
            if i > 0 {
                let p = kind(chars[i - 1])
                let nextLower = i + 1 < chars.count && kind(chars[i + 1]) == .lower
                let split = (k == .upper && p == .lower)
                    || (k == .upper && p == .upper && nextLower)
                    || ((k == .digit) != (p == .digit))
                if split, !current.isEmpty { parts.append(current); current = "" }
            }
            current.append(chars[i])
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
