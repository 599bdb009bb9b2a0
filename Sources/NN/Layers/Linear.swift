/// `nn.Linear(in, out)` with parameters `<prefix>weight [out, in]` and `<prefix>bias [out]`.
public struct Linear: Sendable, Equatable, Codable {
    public var inputSize: Int, outputSize: Int
    public var prefix: String
    public var hasBias: Bool

    public init(_ inputSize: Int, _ outputSize: Int, prefix: String, bias: Bool = true) {
        self.inputSize = inputSize; self.outputSize = outputSize; self.prefix = prefix; self.hasBias = bias
    }

    /// PyTorch default initialization (kaiming-uniform a=√5 weight, U(±1/√in) bias).
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        var p = ParameterSet([(prefix + "weight", Initializers.linearWeight(out: outputSize, in: inputSize, rng: &rng))])
        if hasBias { p.insert(prefix + "bias", Initializers.linearBias(out: outputSize, in: inputSize, rng: &rng)) }
        return p
    }

    /// `x [n, in]` → `[n, out]`.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ x: Variable) -> Variable {
        tape.linear(x, weight: p[prefix + "weight"], bias: hasBias ? p[prefix + "bias"] : nil)
    }
}

/// A small MLP head: Linear → ReLU → … → Linear. Parameters `<prefix>layers.<i>.weight/bias`.
public struct MLP: Sendable, Equatable, Codable {
    /// Widths from input to output, e.g. `[200, 64, 2]`.
    public var sizes: [Int]
    public var prefix: String

    public init(sizes: [Int], prefix: String) {
        precondition(sizes.count >= 2, "MLP: needs at least input and output sizes, got \(sizes)")
        self.sizes = sizes; self.prefix = prefix
    }

    var layers: [Linear] {
        (0..<(sizes.count - 1)).map { Linear(sizes[$0], sizes[$0 + 1], prefix: "\(prefix)layers.\($0).") }
    }

    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        layers.reduce(ParameterSet()) { $0.merging($1.initialParameters(rng: &rng)) }
    }

    /// `x [n, sizes.first]` → `[n, sizes.last]` (no activation after the last layer).
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ x: Variable) -> Variable {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(tape, p, h)
            if i < layers.count - 1 { h = tape.relu(h) }
        }
        return h
    }
}
