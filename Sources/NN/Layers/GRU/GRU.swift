/// A multi-layer, optionally bidirectional GRU (like `torch.nn.GRU(batch_first=True)`).
///
/// Parameter names follow PyTorch under a prefix: `<prefix>weight_ih_l0`, `<prefix>weight_hh_l0`,
/// `<prefix>bias_ih_l0`, `<prefix>bias_hh_l0`, and `..._l0_reverse` for the backward direction.
public struct GRU: Sendable, Equatable, Codable {
    public var inputSize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var bidirectional: Bool
    /// Name prefix of the parameters (e.g. `"extractor.gru."`).
    public var prefix: String
    /// Dropout between layers (PyTorch semantics: not after the last layer).
    public var dropout: Float

    public init(inputSize: Int, hiddenSize: Int, layers: Int = 1, bidirectional: Bool = false,
                prefix: String = "gru.", dropout: Float = 0) {
        self.inputSize = inputSize; self.hiddenSize = hiddenSize; self.layers = layers
        self.bidirectional = bidirectional; self.prefix = prefix; self.dropout = dropout
    }

    /// Width of each output step: `hidden · directions`.
    public var outputSize: Int { hiddenSize * (bidirectional ? 2 : 1) }

    /// Parameter name for a layer and direction, e.g. `weight_ih_l1_reverse`.
    public func name(_ kind: String, layer: Int, reverse: Bool) -> String {
        "\(prefix)\(kind)_l\(layer)\(reverse ? "_reverse" : "")"
    }

    /// Fresh parameters, U(−1/√hidden, 1/√hidden) like PyTorch, drawn in PyTorch's order.
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        var p = ParameterSet()
        let H = hiddenSize
        for l in 0..<layers {
            let inSize = l == 0 ? inputSize : outputSize
            for reverse in bidirectional ? [false, true] : [false] {
                p.insert(name("weight_ih", layer: l, reverse: reverse), Initializers.gru([3 * H, inSize], hidden: H, rng: &rng))
                p.insert(name("weight_hh", layer: l, reverse: reverse), Initializers.gru([3 * H, H], hidden: H, rng: &rng))
                p.insert(name("bias_ih", layer: l, reverse: reverse), Initializers.gru([3 * H], hidden: H, rng: &rng))
                p.insert(name("bias_hh", layer: l, reverse: reverse), Initializers.gru([3 * H], hidden: H, rng: &rng))
            }
        }
        return p
    }

    private func weights(_ p: BoundParameters, layer: Int, reverse: Bool) -> GRUDirectionWeights {
        GRUDirectionWeights(weightIH: p[name("weight_ih", layer: layer, reverse: reverse)],
                            weightHH: p[name("weight_hh", layer: layer, reverse: reverse)],
                            biasIH: p[name("bias_ih", layer: layer, reverse: reverse)],
                            biasHH: p[name("bias_hh", layer: layer, reverse: reverse)])
    }

    /// Runs all layers. `x [batch, time, inputSize]` → `[batch, time, outputSize]`; outputs at
    /// padded steps (t ≥ length) are zero. `rng` is needed only when `dropout > 0` on a training tape.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ x: Variable, lengths: [Int],
                               rng: inout SeededGenerator) -> Variable {
        var h = x
        for l in 0..<layers {
            if l > 0, dropout > 0 { h = tape.dropout(h, p: dropout, rng: &rng) }
            h = tape.gruLayer(h, lengths: lengths, forward: weights(p, layer: l, reverse: false),
                              backward: bidirectional ? weights(p, layer: l, reverse: true) : nil)
        }
        return h
    }

    /// Runs all layers without dropout.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ x: Variable, lengths: [Int]) -> Variable {
        precondition(dropout == 0 || !tape.isTraining, "GRU: dropout > 0 needs an rng on a training tape")
        var unused = SeededGenerator(seed: 0)
        return self(tape, p, x, lengths: lengths, rng: &unused)
    }
}
