import Foundation

extension LabelBudget {
    /// Parses `none`, `all`, or `anomalies=F,normals=F` (either key may be omitted = 0).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "none" || trimmed == "0" { self = .none; return }
        if trimmed == "all" { self = .all; return }
        var anomalies = 0.0, normals = 0.0
        for part in trimmed.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let value = Double(kv[1]), (0...1).contains(value) else {
                throw MethodError.invalidHyperparameter(name: "target labels", reason: "expected key=fraction in [0,1], got '\(part)'")
            }
            switch kv[0] {
            case "anomalies": anomalies = value
            case "normals": normals = value
            default:
                throw MethodError.invalidHyperparameter(name: "target labels", reason: "unknown key '\(kv[0])' (anomalies, normals)")
            }
        }
        self.init(anomalyFraction: anomalies, normalFraction: normals)
    }
}
