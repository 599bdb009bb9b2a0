/// A `ParameterSet` bound to a tape: each name maps to a leaf `Variable`.
public struct BoundParameters {
    /// Names in the order of the bound set.
    public let names: [String]
    let variables: [String: Variable]

    /// The variable for `name`. Traps with the name and the available names when it is missing
    /// (a model asking for a parameter its initializer never made is a programming error).
    public subscript(_ name: String) -> Variable {
        guard let v = variables[name] else {
            preconditionFailure("BoundParameters: no parameter '\(name)' (have \(names.prefix(8)))")
        }
        return v
    }

    /// Whether `name` is bound.
    public func contains(_ name: String) -> Bool { variables[name] != nil }
}

extension Tape {
    /// Records every tensor of `parameters` as a leaf (a gradient leaf when the tape records gradients).
    public func bind(_ parameters: ParameterSet) -> BoundParameters {
        var vars: [String: Variable] = [:]
        for (n, t) in zip(parameters.names, parameters.tensors) { vars[n] = parameter(t) }
        return BoundParameters(names: parameters.names, variables: vars)
    }

    /// `bound` with every parameter whose name starts with `prefix` re-recorded as a constant of the
    /// same value: a forward pass through them computes the same numbers, but no gradient reaches them.
    public func frozen(_ bound: BoundParameters, prefix: String) -> BoundParameters {
        var vars = bound.variables
        for n in bound.names where n.hasPrefix(prefix) { vars[n] = constant(value(bound[n])) }
        return BoundParameters(names: bound.names, variables: vars)
    }

    /// Gradients of the scalar `loss` with respect to every bound parameter, as a `ParameterSet`
    /// (zeros where no gradient flowed).
    public func gradients(of loss: Variable, for bound: BoundParameters) -> ParameterSet {
        let g = gradients(of: loss)
        var out = ParameterSet()
        for n in bound.names {
            let v = bound[n]
            out.insert(n, g[v] ?? value(v).zerosLike)
        }
        return out
    }
}
