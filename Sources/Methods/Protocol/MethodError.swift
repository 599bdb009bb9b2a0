/// Errors a method, the catalog or the job pipeline reports; each names what was wrong.
public enum MethodError: Error, CustomStringConvertible, Equatable {
    case unknownMethod(String, known: [String])
    case unknownHyperparameter(method: String, name: String, known: [String])
    case invalidHyperparameter(name: String, reason: String)
    case missingSource(method: String)
    case emptySplit(dataset: String, split: String)
    case incompatibleEmbedding(dataset: String, expected: Int, found: Int)
    case checkpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownMethod(name, known):
            return "unknown method '\(name)'; known methods: \(known.joined(separator: ", "))"
        case let .unknownHyperparameter(method, name, known):
            return "method '\(method)' has no hyperparameter '\(name)'; it has: \(known.joined(separator: ", "))"
        case let .invalidHyperparameter(name, reason):
            return "hyperparameter '\(name)': \(reason)"
        case let .missingSource(method):
            return "method '\(method)' needs a labeled source dataset (--source)"
        case let .emptySplit(dataset, split):
            return "dataset '\(dataset)': the \(split) split is empty (check the split fractions)"
        case let .incompatibleEmbedding(dataset, expected, found):
            return "dataset '\(dataset)' has \(found)-d event vectors but the model expects \(expected)-d"
        case let .checkpoint(path, reason):
            return "checkpoint \(path): \(reason)"
        }
    }
}
