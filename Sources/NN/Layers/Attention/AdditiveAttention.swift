/// MetaLog's additive attention pooling with a learned guide vector, as a module with named parameters:
/// `<prefix>guide [D]`, `<prefix>weight [2D]`, `<prefix>bias [1]`.
public struct AdditiveAttention: Sendable, Equatable, Codable {
    public var size: Int
    public var prefix: String

    public init(size: Int, prefix: String = "attention.") {
        self.size = size; self.prefix = prefix
    }

    /// MetaLog's initialization: guide N(0, 1), weight U(±√(6/(2D+1))), bias 0.
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        let k = (6 / Float(2 * size + 1)).squareRoot()
        return ParameterSet([
            (prefix + "guide", rng.normalTensor([size])),
            (prefix + "weight", rng.uniformTensor([2 * size], low: -k, high: k)),
            (prefix + "bias", Tensor(zeros: [1])),
        ])
    }

    /// `h [batch, time, size]` → pooled `[batch, size]` and weights `[batch, time]`.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ h: Variable, lengths: [Int]) -> AttentionPooled {
        tape.additiveAttentionPooling(h, lengths: lengths, guide: p[prefix + "guide"], weight: p[prefix + "weight"],
                                      bias: p[prefix + "bias"])
    }
}
