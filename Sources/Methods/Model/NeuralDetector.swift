import Foundation
import LogData
import NN

/// A trained `SessionNetwork` with its parameters: scores sessions of any system whose event vectors
/// have the network's input width, and explains a score by the attention weights.
public struct NeuralDetector: SessionScorer {
    public var network: SessionNetwork
    public var parameters: ParameterSet
    public var method: String

    public init(network: SessionNetwork, parameters: ParameterSet, method: String) {
        self.network = network
        self.parameters = parameters
        self.method = method
    }

    public func scores(_ sessions: [LogSession], in dataset: PreparedDataset) throws -> [Float] {
        try checkInput(dataset)
        return network.predict(parameters, dataset, sessions: sessions).scores
    }

    /// Scores plus per-session attention weights over the (truncated) event sequence; nil weights
    /// for mean pooling.
    public func scoresWithAttention(_ sessions: [LogSession], in dataset: PreparedDataset) throws -> ([Float], [[Float]]?) {
        try checkInput(dataset)
        let r = network.predict(parameters, dataset, sessions: sessions)
        return (r.scores, r.attention)
    }

    private func checkInput(_ dataset: PreparedDataset) throws {
        guard dataset.embeddingDimension == network.config.inputSize else {
            throw MethodError.incompatibleEmbedding(dataset: dataset.name, expected: network.config.inputSize,
                                                    found: dataset.embeddingDimension)
        }
    }

    // MARK: Checkpoints

    /// The JSON sidecar next to the safetensors file: what is needed to rebuild the network and to
    /// score another system (its event vectors must have `network.inputSize` dimensions, built with
    /// the same word vectors and embedding recipe as the training systems').
    public struct Sidecar: Codable, Sendable {
        public var format: String
        public var method: String
        public var network: SessionNetworkConfig
        public var metadata: [String: String]
    }

    public static let sidecarFormat = "zerolog-detector-1"

    /// Writes `<name>.safetensors` (parameters, metadata in the header) and `<name>.json` (sidecar).
    public func save(to directory: URL, name: String, metadata: [String: String]) throws -> [URL] {
        let weights = directory.appendingPathComponent("\(name).safetensors")
        let sidecarURL = directory.appendingPathComponent("\(name).json")
        var meta = metadata
        meta["method"] = method
        meta["format"] = Self.sidecarFormat
        try Safetensors.write(parameters, metadata: meta, to: weights)
        let sidecar = Sidecar(format: Self.sidecarFormat, method: method, network: network.config, metadata: meta)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(sidecar).write(to: sidecarURL)
        return [weights, sidecarURL]
    }

    /// Loads a detector from `<name>.safetensors` and the `<name>.json` sidecar beside it.
    public static func load(checkpoint url: URL) throws -> (NeuralDetector, Sidecar) {
        let sidecarURL = url.deletingPathExtension().appendingPathExtension("json")
        guard let data = FileManager.default.contents(atPath: sidecarURL.path) else {
            throw MethodError.checkpoint(path: sidecarURL.path, reason: "sidecar JSON not found next to the checkpoint")
        }
        let sidecar: Sidecar
        do { sidecar = try JSONDecoder().decode(Sidecar.self, from: data) } catch {
            throw MethodError.checkpoint(path: sidecarURL.path, reason: "not a detector sidecar: \(error)")
        }
        guard sidecar.format == sidecarFormat else {
            throw MethodError.checkpoint(path: sidecarURL.path, reason: "format '\(sidecar.format)', expected '\(sidecarFormat)'")
        }
        let network = SessionNetwork(sidecar.network)
        let loaded = try Safetensors.read(from: url).parameters
        var rng = SeededGenerator(seed: 0)
        let expected = network.initialParameters(rng: &rng)
        for name in expected.names {
            guard let t = loaded[name] else {
                throw MethodError.checkpoint(path: url.path, reason: "missing tensor '\(name)'")
            }
            guard t.shape == expected[name]!.shape else {
                throw MethodError.checkpoint(path: url.path,
                                             reason: "tensor '\(name)' has shape \(t.shape), expected \(expected[name]!.shape)")
            }
        }
        let parameters = ParameterSet(expected.names.map { ($0, loaded[$0]!) })
        return (NeuralDetector(network: network, parameters: parameters, method: sidecar.method), sidecar)
    }
}
