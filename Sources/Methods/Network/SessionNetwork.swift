import LogData
import NN

/// How sessions are pooled over time.
public enum Pooling: String, Codable, Sendable {
    /// MetaLog's additive attention with a learned guide vector.
    case attention
    /// Masked mean over valid steps.
    case mean
}

/// Shape of the detector network; stored in the checkpoint sidecar.
public struct SessionNetworkConfig: Codable, Sendable, Equatable {
    public var inputSize: Int
    public var hidden: Int
    public var layers: Int
    public var bidirectional: Bool
    public var pooling: Pooling
    public var maxLength: Int
    /// Hidden width of the domain classifier; 0 = no domain classifier.
    public var domainHidden: Int
    /// How event vectors are scaled on the way in (`.none` in checkpoints written before it existed).
    public var eventNormalization: EventNormalization

    public init(inputSize: Int, hidden: Int, layers: Int, bidirectional: Bool, pooling: Pooling,
                maxLength: Int, domainHidden: Int, eventNormalization: EventNormalization = .none) {
        self.inputSize = inputSize
        self.hidden = hidden
        self.layers = layers
        self.bidirectional = bidirectional
        self.pooling = pooling
        self.maxLength = maxLength
        self.domainHidden = domainHidden
        self.eventNormalization = eventNormalization
    }

    /// Reads `hidden`, `layers`, `bidirectional`, `pooling`, `max_length`, `event_norm`.
    public init(inputSize: Int, hyperparameters hp: Hyperparameters, domainHidden: Int) throws {
        self.init(inputSize: inputSize, hidden: try hp.int("hidden", min: 1), layers: try hp.int("layers", min: 1),
                  bidirectional: try hp.bool("bidirectional"),
                  pooling: Pooling(rawValue: try hp.string("pooling", oneOf: ["attention", "mean"]))!,
                  maxLength: try hp.int("max_length", min: 1), domainHidden: domainHidden,
                  eventNormalization: EventNormalization(
                      rawValue: try hp.string("event_norm", oneOf: EventNormalization.allCases.map(\.rawValue)))!)
    }

    private enum CodingKeys: String, CodingKey {
        case inputSize, hidden, layers, bidirectional, pooling, maxLength, domainHidden, eventNormalization
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(inputSize: try c.decode(Int.self, forKey: .inputSize), hidden: try c.decode(Int.self, forKey: .hidden),
                  layers: try c.decode(Int.self, forKey: .layers), bidirectional: try c.decode(Bool.self, forKey: .bidirectional),
                  pooling: try c.decode(Pooling.self, forKey: .pooling), maxLength: try c.decode(Int.self, forKey: .maxLength),
                  domainHidden: try c.decode(Int.self, forKey: .domainHidden),
                  eventNormalization: try c.decodeIfPresent(EventNormalization.self, forKey: .eventNormalization) ?? .none)
    }
}

/// The detector: event embeddings `[batch, time, input]` → GRU (`layers`, `hidden` per direction)
/// `[batch, time, R]` → attention or mean pooling → representation `[batch, R]` → anomaly head
/// `p(anomalous) [batch, 1]`; optionally a domain classifier MLP on the representation behind a
/// gradient-reversal layer `[batch, 1]` (ZeroLog). R = hidden · directions.
///
/// Parameter names: `extractor.gru.*`, `extractor.attention.*`, `head.*`, `domain.*`.
public struct SessionNetwork: Sendable {
    public var config: SessionNetworkConfig
    let gru: GRU
    let attention: AdditiveAttention
    let head: Linear
    let domain: MLP

    public init(_ config: SessionNetworkConfig) {
        self.config = config
        gru = GRU(inputSize: config.inputSize, hiddenSize: config.hidden, layers: config.layers,
                  bidirectional: config.bidirectional, prefix: "extractor.gru.")
        attention = AdditiveAttention(size: gru.outputSize, prefix: "extractor.attention.")
        head = Linear(gru.outputSize, 1, prefix: "head.")
        domain = MLP(sizes: [gru.outputSize, max(config.domainHidden, 1), 1], prefix: "domain.")
    }

    /// Width of the representation.
    public var representationSize: Int { gru.outputSize }
    public var hasDomainClassifier: Bool { config.domainHidden > 0 }

    /// Fresh parameters from `rng` (fixed order: GRU, attention, head, domain).
    public func initialParameters(rng: inout SeededGenerator) -> ParameterSet {
        var p = gru.initialParameters(rng: &rng)
        let att = attention.initialParameters(rng: &rng)
        if config.pooling == .attention { p = p.merging(att) }
        p = p.merging(head.initialParameters(rng: &rng))
        if hasDomainClassifier { p = p.merging(domain.initialParameters(rng: &rng)) }
        return p
    }

    /// The sessions as a padded batch shaped for this network (its `max_length`, its event normalization).
    public func batch(_ dataset: PreparedDataset, sessions: [LogSession]) -> SessionBatch {
        SessionBatch(dataset, sessions: sessions, maxLength: config.maxLength, normalization: config.eventNormalization)
    }

    /// `batch(_:sessions:)` for positions in `dataset.sessions`.
    public func batch(_ dataset: PreparedDataset, indices: [Int]) -> SessionBatch {
        batch(dataset, sessions: indices.map { dataset.sessions[$0] })
    }

    // MARK: Forward

    /// Representation `[batch, R]` and attention weights `[batch, time]` (nil for mean pooling).
    public func represent(_ tape: Tape, _ p: BoundParameters, _ batch: SessionBatch) -> (Variable, Tensor?) {
        let x = tape.constant(batch.embeddings)
        let h = gru(tape, p, x, lengths: batch.lengths)
        switch config.pooling {
        case .attention:
            let pooled = attention(tape, p, h, lengths: batch.lengths)
            return (pooled.pooled, pooled.weights)
        case .mean:
            return (tape.maskedMeanPooling(h, lengths: batch.lengths), nil)
        }
    }

    /// The anomaly logit `[batch, 1]` (p(anomalous) = σ(logit)) from a representation.
    public func anomalyLogit(_ tape: Tape, _ p: BoundParameters, _ representation: Variable) -> Variable {
        head(tape, p, representation)
    }

    /// p(anomalous) `[batch, 1]` from a representation.
    public func anomalyProbability(_ tape: Tape, _ p: BoundParameters, _ representation: Variable) -> Variable {
        tape.sigmoid(anomalyLogit(tape, p, representation))
    }

    /// The domain classifier's logit `[batch, 1]` (p(unlabeled domain) = σ(logit)); gradient reversal,
    /// where wanted, is the caller's.
    public func domainLogit(_ tape: Tape, _ p: BoundParameters, _ representation: Variable) -> Variable {
        domain(tape, p, representation)
    }

    // MARK: Inference

    /// Anomaly probabilities and attention weights for `sessions` of `dataset`, in chunks of `chunk`.
    public func predict(_ parameters: ParameterSet, _ dataset: PreparedDataset, sessions: [LogSession],
                        chunk: Int = 256) -> (scores: [Float], attention: [[Float]]?) {
        var scores: [Float] = []
        var weights: [[Float]]? = config.pooling == .attention ? [] : nil
        scores.reserveCapacity(sessions.count)
        for start in stride(from: 0, to: sessions.count, by: chunk) {
            let part = Array(sessions[start..<min(start + chunk, sessions.count)])
            let sessionBatch = batch(dataset, sessions: part)
            let tape = Tape(recordsGradients: false)
            let p = tape.bind(parameters)
            let (r, att) = represent(tape, p, sessionBatch)
            scores.append(contentsOf: tape.value(anomalyProbability(tape, p, r)).scalars)
            if let att {
                let T = att.shape[1]
                for b in 0..<sessionBatch.count { weights!.append(Array(att.scalars[(b * T)..<(b * T + sessionBatch.lengths[b])])) }
            }
        }
        return (scores, weights)
    }
}
