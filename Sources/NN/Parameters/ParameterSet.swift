/// An ordered map from parameter names (e.g. `extractor.gru.weight_ih_l0`) to tensors.
///
/// A value type: θ, gradients, Adam moments and θ' = θ − α·g are all `ParameterSet`s, so a model's
/// forward can be evaluated at any point by binding another set on a tape.
public struct ParameterSet: Sendable, Equatable {
    /// Names in insertion order (the order of checkpoints and flat vectors).
    public private(set) var names: [String] = []
    /// Tensors, parallel to `names`.
    public private(set) var tensors: [Tensor] = []
    private var index: [String: Int] = [:]

    /// An empty set.
    public init() {}

    /// A set from `(name, tensor)` pairs in order. Traps on a duplicate name.
    public init(_ pairs: [(String, Tensor)]) {
        for (name, tensor) in pairs { insert(name, tensor) }
    }

    // MARK: Access

    /// Number of named tensors.
    public var count: Int { names.count }
    /// Total number of scalars.
    public var scalarCount: Int { tensors.reduce(0) { $0 + $1.count } }
    /// Whether `name` is present.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The tensor named `name`; setting an existing name replaces it (same shape required), setting a
    /// new name appends it.
    public subscript(_ name: String) -> Tensor? {
        get { index[name].map { tensors[$0] } }
        set {
            guard let newValue else { preconditionFailure("ParameterSet: cannot remove '\(name)'") }
            if let i = index[name] {
                precondition(tensors[i].shape == newValue.shape,
                             "ParameterSet: '\(name)' has shape \(tensors[i].shape), got \(newValue.shape)")
                tensors[i] = newValue
            } else {
                insert(name, newValue)
            }
        }
    }

    /// The tensor named `name`, or an error naming it.
    public func tensor(_ name: String) throws -> Tensor {
        guard let i = index[name] else { throw NNError.missingParameter(name, available: names) }
        return tensors[i]
    }

    /// Appends a new named tensor. Traps on a duplicate name.
    public mutating func insert(_ name: String, _ tensor: Tensor) {
        precondition(index[name] == nil, "ParameterSet: duplicate parameter '\(name)'")
        index[name] = names.count
        names.append(name)
        tensors.append(tensor)
    }

    /// Replaces the tensor at position `i` (same shape).
    public mutating func update(at i: Int, _ body: (inout Tensor) -> Void) {
        let shape = tensors[i].shape
        body(&tensors[i])
        precondition(tensors[i].shape == shape, "ParameterSet: update changed the shape of '\(names[i])'")
    }

    // MARK: Subsets

    /// The parameters whose names start with any of `prefixes` (e.g. `"extractor."`), in order.
    public func subset(prefixes: [String]) -> ParameterSet {
        var out = ParameterSet()
        for (n, t) in zip(names, tensors) where prefixes.contains(where: { n.hasPrefix($0) }) { out.insert(n, t) }
        return out
    }

    /// The parameters whose names start with `prefix`.
    public func subset(prefix: String) -> ParameterSet { subset(prefixes: [prefix]) }

    /// A copy where every name present in `other` takes `other`'s tensor; names only in `other` are appended.
    public func merging(_ other: ParameterSet) -> ParameterSet {
        var out = self
        for (n, t) in zip(other.names, other.tensors) { out[n] = t }
        return out
    }

    /// A copy with every name prefixed (e.g. to nest a module under `extractor.`).
    public func prefixed(_ prefix: String) -> ParameterSet {
        ParameterSet(zip(names, tensors).map { (prefix + $0.0, $0.1) })
    }
}

/// Errors from the NN module; each names the thing that was wrong.
public enum NNError: Error, CustomStringConvertible, Equatable {
    case missingParameter(String, available: [String])
    case shapeMismatch(String)
    case checkpoint(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .missingParameter(name, available):
            return "missing parameter '\(name)' (have: \(available.prefix(12).joined(separator: ", "))\(available.count > 12 ? ", …" : ""))"
        case let .shapeMismatch(m): return "shape mismatch: \(m)"
        case let .checkpoint(m): return "checkpoint: \(m)"
        case let .invalidArgument(m): return "invalid argument: \(m)"
        }
    }
}
