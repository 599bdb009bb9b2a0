import Foundation
import ContentHash

/// An error-collecting reader over a `JSONValue` document. Each accessor checks one field's type,
/// records a `SpecIssue` (file, JSON path, what was expected) when it is wrong, and returns nil so
/// decoding continues and every problem in the file is reported at once.
struct SpecReader {
    let file: String
    private(set) var issues: [SpecIssue] = []

    init(file: String) { self.file = file }

    mutating func fail(_ path: JSONPath, _ message: String) {
        issues.append(SpecIssue(file: file, path: path, message: message))
    }

    // MARK: - Objects

    /// A JSON object with its path, for reading fields.
    struct Object {
        let values: [String: JSONValue]
        let path: JSONPath
        subscript(key: String) -> JSONValue? { values[key] }
        func path(_ key: String) -> JSONPath { path / key }
    }

    /// Reads an object, rejecting unknown keys (with the nearest known key suggested) and
    /// reporting missing required keys.
    mutating func object(_ value: JSONValue?, at path: JSONPath, required: [String] = [],
                         optional: [String] = [], what: String = "an object") -> Object? {
        guard let value else { return nil }
        guard case .object(let values) = value else {
            fail(path, "expected \(what), got \(Self.describe(value))")
            return nil
        }
        let known = required + optional
        for key in values.keys.sorted() where !known.contains(key) {
            fail(path / key, NameSuggestion.unknown("field", key, known: known))
        }
        for key in required where values[key] == nil {
            fail(path / key, "missing required field")
        }
        return Object(values: values, path: path)
    }

    /// Reads a free-form object (any keys), e.g. hyperparameter overrides.
    mutating func dictionary(_ value: JSONValue?, at path: JSONPath, what: String = "an object") -> [String: JSONValue]? {
        guard let value else { return nil }
        guard case .object(let values) = value else {
            fail(path, "expected \(what), got \(Self.describe(value))")
            return nil
        }
        return values
    }

    // MARK: - Scalars

    mutating func string(_ value: JSONValue?, at path: JSONPath, nonEmpty: Bool = true) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            fail(path, "expected a string, got \(Self.describe(value))")
            return nil
        }
        if nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(path, "expected a non-empty string")
            return nil
        }
        return text
    }

    mutating func number(_ value: JSONValue?, at path: JSONPath, in range: ClosedRange<Double>? = nil) -> Double? {
        guard let value else { return nil }
        guard case .number(let number) = value else {
            fail(path, "expected a number, got \(Self.describe(value))")
            return nil
        }
        if let range, !range.contains(number) {
            fail(path, "expected a number in \(Self.format(range.lowerBound))…\(Self.format(range.upperBound)), got \(Self.format(number))")
            return nil
        }
        return number
    }

    mutating func integer(_ value: JSONValue?, at path: JSONPath, minimum: Int = Int.min) -> Int? {
        guard let value else { return nil }
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 9e15 else {
            fail(path, "expected an integer, got \(Self.describe(value))")
            return nil
        }
        if Int(number) < minimum {
            fail(path, "expected an integer ≥ \(minimum), got \(Int(number))")
            return nil
        }
        return Int(number)
    }

    mutating func array(_ value: JSONValue?, at path: JSONPath, nonEmpty: Bool = false,
                        what: String = "an array") -> [(value: JSONValue, path: JSONPath)]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            fail(path, "expected \(what), got \(Self.describe(value))")
            return nil
        }
        if nonEmpty && items.isEmpty {
            fail(path, "expected a non-empty array, got []")
            return nil
        }
        return items.enumerated().map { ($0.element, path / $0.offset) }
    }

    // MARK: - Messages

    /// "a string \"two\"", "a number 2", "an object", … for "expected X, got Y" messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "a boolean \(b)"
        case .number(let n): return "a number \(format(n))"
        case .string(let s): return "a string \"\(s)\""
        case .array(let a): return "an array of \(a.count)"
        case .object: return "an object"
        }
    }

    /// The JSON kind name used in type expectations.
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func format(_ number: Double) -> String { JSONValue.number(number).description }
}
