import Foundation

/// One problem found in an experiment spec: the file, the JSON path, and what was expected.
public struct SpecIssue: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: JSONPath
    public var message: String

    public init(file: String, path: JSONPath, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `Experiments/table1.json: methods[2].overrides.betta: unknown hyperparameter …`
    public var description: String { "\(file): \(path): \(message)" }
}

/// Every problem found in one spec file, reported together so one edit fixes them all.
public struct SpecValidationError: Error, CustomStringConvertible, LocalizedError {
    public var file: String
    public var issues: [SpecIssue]

    public init(file: String, issues: [SpecIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        let head = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return "\(file): \(head):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}

// MARK: - Suggestions

enum NameSuggestion {
    /// The known name nearest to `name` by edit distance, if it is plausibly a typo.
    static func nearest(to name: String, in known: [String]) -> String? {
        let lowered = name.lowercased()
        let scored = known.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        let limit = max(2, min(name.count, best.0.count) / 3)
        return best.1 <= limit ? best.0 : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "unknown method `zerlog`; did you mean `zerolog`? Expected one of: `metalog`, `zerolog`"
    static func unknown(_ what: String, _ name: String, of owner: String? = nil, known: [String]) -> String {
        var text = "unknown \(what) `\(name)`" + (owner.map { " of `\($0)`" } ?? "")
        text += nearest(to: name, in: known).map { "; did you mean `\($0)`?" } ?? "."
        return text + (known.isEmpty ? " Nothing is defined." : " Expected one of: \(list(known))")
    }

    /// `a`, `b` and `c` (sorted, backticked) for "expected one of" messages.
    static func list(_ names: [String]) -> String {
        names.sorted().map { "`\($0)`" }.joined(separator: ", ")
    }
}
