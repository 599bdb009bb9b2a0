import LogData
import NN

/// How an event vector is scaled before it enters the network.
public enum EventNormalization: String, Codable, Sendable, CaseIterable {
    /// As prepared (MetaLog's code: the TF-IDF-weighted word-vector sum, not normalised).
    case none
    /// Divided by its Euclidean norm (a zero vector stays zero). The TF-IDF sum's length depends on
    /// the template's length and on IDF statistics of *its own* system, so without this the scale of
    /// the input already tells the systems apart; with it only the direction (the meaning) remains.
    case l2
}

/// A padded batch of sessions as event-embedding sequences.
///
/// Each session's events are looked up in *its own* dataset's event table (no global vocabulary);
/// sequences longer than `maxLength` keep their first `maxLength` events. The batch is padded to its
/// own longest sequence; padded steps are zero and `lengths` keeps them out of every state.
public struct SessionBatch {
    /// `[batch, time, dim]` event embeddings, zero at padded steps.
    public var embeddings: Tensor
    /// Valid steps per session, `[batch]`.
    public var lengths: [Int]
    /// Ground truth per session (`.unknown` where hidden).
    public var labels: [SessionLabel]

    public var count: Int { lengths.count }

    /// - Parameters:
    ///   - dataset: the system the sessions belong to (its `eventVectors` are `[eventCount, dim]`).
    ///   - indices: positions in `dataset.sessions`.
    ///   - normalization: applied to each event vector as it is copied in.
    public init(_ dataset: PreparedDataset, indices: [Int], maxLength: Int, normalization: EventNormalization = .none) {
        self.init(dataset, sessions: indices.map { dataset.sessions[$0] }, maxLength: maxLength,
                  normalization: normalization)
    }

    public init(_ dataset: PreparedDataset, sessions: [LogSession], maxLength: Int,
                normalization: EventNormalization = .none) {
        let D = dataset.embeddingDimension
        let lengths = sessions.map { min($0.events.count, maxLength) }
        // At least one step so the tensor is never empty; a length-0 session pools to zeros.
        let T = max(1, lengths.max() ?? 1)
        var scalars = [Float](repeating: 0, count: sessions.count * T * D)
        let eventCount = dataset.eventCount
        dataset.eventVectors.withUnsafeBufferPointer { table in
            scalars.withUnsafeMutableBufferPointer { out in
                for (b, session) in sessions.enumerated() {
                    for t in 0..<lengths[b] {
                        let e = Int(session.events[t])
                        precondition(e >= 0 && e < eventCount,
                                     "session \(session.id) of \(dataset.name): event \(e) outside its \(eventCount) events")
                        let src = table.baseAddress! + e * D
                        let dst = out.baseAddress! + (b * T + t) * D
                        switch normalization {
                        case .none:
                            dst.update(from: src, count: D)
                        case .l2:
                            var squares: Float = 0
                            for i in 0..<D { squares += src[i] * src[i] }
                            let scale: Float = squares > 0 ? 1 / squares.squareRoot() : 0
                            for i in 0..<D { dst[i] = src[i] * scale }
                        }
                    }
                }
            }
        }
        embeddings = Tensor(shape: [sessions.count, T, D], scalars: scalars)
        self.lengths = lengths
        labels = sessions.map(\.label)
    }

    /// Per-session weights giving each present class half the total weight, `[batch]` (mean 1).
    public var balancedWeights: [Float] {
        let anomalies = labels.filter { $0 == .anomalous }.count, normals = count - anomalies
        guard anomalies > 0, normals > 0 else { return [Float](repeating: 1, count: count) }
        let wa = Float(count) / Float(2 * anomalies), wn = Float(count) / Float(2 * normals)
        return labels.map { $0 == .anomalous ? wa : wn }
    }

    /// Targets for the anomaly head, `[batch, 1]` (1 = anomalous). Unknown labels are an error of the caller.
    public var anomalyTargets: Tensor {
        Tensor(shape: [count, 1], scalars: labels.map { $0 == .anomalous ? 1 : 0 })
    }
}

/// Cuts `indices` into consecutive batches of at most `size`.
func batches(_ indices: [Int], size: Int) -> [[Int]] {
    stride(from: 0, to: indices.count, by: max(size, 1)).map { Array(indices[$0..<min($0 + size, indices.count)]) }
}
