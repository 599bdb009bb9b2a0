/// A GRU + pooling + MLP sequence classifier: MetaLog's `AttGRUModel` and the ZeroLog feature
/// extractor. Knows nothing about logs: inputs are `[batch, time, inputSize]` vectors with lengths.
///
/// Parameter names: `<extractorPrefix>gru.*` and `<extractorPrefix>attention.*` for the feature
/// extractor, `<classifierPrefix>layers.<i>.*` for the head (defaults `extractor.` / `classifier.`).
public struct SequenceClassifier: Sendable, Equatable, Codable {
    /// How time steps are pooled into one feature vector.
    public enum Pooling: String, Sendable, Codable, CaseIterable {
        /// MetaLog's additive attention with a learned guide vector.
        case additiveAttention
        /// Q/K/V self-attention (MetaLog paper eq. 4) followed by a masked mean.
        case selfAttention
        /// Masked mean over valid steps (ablation).
        case mean
    }

    public var inputSize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var bidirectional: Bool
    public var pooling: Pooling
    /// Hidden widths of the head between the features and the classes (empty: one Linear layer).
    public var headHidden: [Int]
    public var classes: Int
    public var extractorPrefix: String
    public var classifierPrefix: String

    /// MetaLog's network by default: 2-layer bidirectional GRU (hidden 100), additive attention, Linear(200→2).
    public init(inputSize: Int, hiddenSize: Int = 100, layers: Int = 2, bidirectional: Bool = true,
                pooling: Pooling = .additiveAttention, headHidden: [Int] = [], classes: Int = 2,
                extractorPrefix: String = "extractor.", classifierPrefix: String = "classifier.") {
        self.inputSize = inputSize; self.hiddenSize = hiddenSize; self.layers = layers
        self.bidirectional = bidirectional; self.pooling = pooling; self.headHidden = headHidden
        self.classes = classes; self.extractorPrefix = extractorPrefix; self.classifierPrefix = classifierPrefix
    }

    // MARK: Modules

    public var gru: GRU {
        GRU(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers, bidirectional: bidirectional,
            prefix: extractorPrefix + "gru.")
    }
    /// Width of the pooled feature vector.
    public var featureSize: Int { gru.outputSize }
    public var additiveAttention: AdditiveAttention { AdditiveAttention(size: featureSize, prefix: extractorPrefix + "attention.") }
    public var selfAttention: SelfAttention { SelfAttention(size: featureSize, prefix: extractorPrefix + "attention.") }
    public var head: MLP { MLP(sizes: [featureSize] + headHidden + [classes], prefix: classifierPrefix) }

    /// Fresh parameters (GRU, pooling, head — drawn in that order from `rng`).
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        var p = gru.initialParameters(rng: &rng)
        switch pooling {
        case .additiveAttention: p = p.merging(additiveAttention.initialParameters(rng: &rng))
        case .selfAttention: p = p.merging(selfAttention.initialParameters(rng: &rng))
        case .mean: break
        }
        return p.merging(head.initialParameters(rng: &rng))
    }

    // MARK: Forward

    /// Pooled features `[batch, featureSize]` of `x [batch, time, inputSize]`, and attention weights
    /// `[batch, time]` when the pooling has them.
    public func features(_ tape: Tape, _ p: BoundParameters, _ x: Variable, lengths: [Int]) -> (features: Variable, attention: Tensor?) {
        let h = gru(tape, p, x, lengths: lengths)
        switch pooling {
        case .additiveAttention:
            let a = additiveAttention(tape, p, h, lengths: lengths)
            return (a.pooled, a.weights)
        case .selfAttention:
            let a = selfAttention(tape, p, h, lengths: lengths)
            return (a.pooled, a.weights)
        case .mean:
            return (tape.maskedMeanPooling(h, lengths: lengths), nil)
        }
    }

    /// Class logits `[batch, classes]` from features.
    public func logits(_ tape: Tape, _ p: BoundParameters, features: Variable) -> Variable {
        head(tape, p, features)
    }

    /// Class logits `[batch, classes]` of `x [batch, time, inputSize]`.
    public func callAsFunction(_ tape: Tape, _ p: BoundParameters, _ x: Variable, lengths: [Int]) -> Variable {
        logits(tape, p, features: features(tape, p, x, lengths: lengths).features)
    }
}
