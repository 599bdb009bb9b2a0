import ContentHash

/// A method's resolved hyperparameters (defaults filled in), with typed reads that fail with the
/// parameter's name.
public struct Hyperparameters: Sendable, Equatable {
    public var values: [String: JSONValue]

    public init(_ values: [String: JSONValue]) { self.values = values }

    private func value(_ name: String) throws -> JSONValue {
        guard let v = values[name] else {
            throw MethodError.invalidHyperparameter(name: name, reason: "missing (not in the method's defaults)")
        }
        return v
    }

    public func double(_ name: String) throws -> Double {
        guard let d = try value(name).doubleValue, d.isFinite else {
            throw MethodError.invalidHyperparameter(name: name, reason: "expected a number, got \(values[name]!)")
        }
        return d
    }

    public func float(_ name: String) throws -> Float { Float(try double(name)) }

    public func int(_ name: String, min lower: Int = Int.min) throws -> Int {
        guard let i = try value(name).intValue else {
            throw MethodError.invalidHyperparameter(name: name, reason: "expected an integer, got \(values[name]!)")
        }
        guard i >= lower else {
            throw MethodError.invalidHyperparameter(name: name, reason: "must be ≥ \(lower), got \(i)")
        }
        return i
    }

    public func bool(_ name: String) throws -> Bool {
        guard let b = try value(name).boolValue else {
            throw MethodError.invalidHyperparameter(name: name, reason: "expected true or false, got \(values[name]!)")
        }
        return b
    }

    public func string(_ name: String, oneOf allowed: [String]) throws -> String {
        guard let s = try value(name).stringValue, allowed.contains(s) else {
            throw MethodError.invalidHyperparameter(
                name: name, reason: "expected one of \(allowed.joined(separator: ", ")), got \(values[name]!)")
        }
        return s
    }

    /// A fraction in [0, 1].
    public func fraction(_ name: String) throws -> Double {
        let d = try double(name)
        guard (0...1).contains(d) else {
            throw MethodError.invalidHyperparameter(name: name, reason: "must be in [0, 1], got \(d)")
        }
        return d
    }
}
