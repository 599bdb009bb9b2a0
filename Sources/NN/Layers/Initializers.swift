/// Parameter initializers matching PyTorch's defaults.
public enum Initializers {
    /// `nn.GRU`: every weight and bias U(−1/√hidden, 1/√hidden).
    public static func gru(_ shape: [Int], hidden: Int, rng: inout SeededGenerator) -> Tensor {
        let k = 1 / Float(hidden).squareRoot()
        return rng.uniformTensor(shape, low: -k, high: k)
    }

    /// `nn.Linear` weight `[out, in]`: kaiming-uniform with a = √5, i.e. U(−1/√fan_in, 1/√fan_in).
    public static func linearWeight(out: Int, in fanIn: Int, rng: inout SeededGenerator) -> Tensor {
        let k = 1 / Float(max(fanIn, 1)).squareRoot()
        return rng.uniformTensor([out, fanIn], low: -k, high: k)
    }

    /// `nn.Linear` bias `[out]`: U(−1/√fan_in, 1/√fan_in).
    public static func linearBias(out: Int, in fanIn: Int, rng: inout SeededGenerator) -> Tensor {
        let k = 1 / Float(max(fanIn, 1)).squareRoot()
        return rng.uniformTensor([out], low: -k, high: k)
    }
}
