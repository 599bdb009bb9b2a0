import ContentHash
import Foundation
@testable import Harness
import Methods

/// Small fake catalogs: two methods with the hyperparameter names of the real ones, three
/// datasets with fixed fingerprints, and one dataset whose files are "missing".
enum SpecFixtures {
    static let zerolog = MethodDescriptor(
        name: "zerolog", summary: "fake zerolog",
        hyperparameters: ["beta": .number(2), "gamma": .number(2.5), "meta_step": .number(1),
                          "inner_lr": .number(3e-3), "use_meta": .bool(true), "use_adversary": .bool(true),
                          "pooling": .string("attention"), "epochs": .number(10)],
        needsSource: true, usesTargetLabels: false)
    static let metalog = MethodDescriptor(
        name: "metalog", summary: "fake metalog",
        hyperparameters: ["alpha": .number(2e-3), "beta": .number(1), "gamma": .number(2e-3), "epochs": .number(10)],
        needsSource: true, usesTargetLabels: true)

    struct Missing: Error, CustomStringConvertible {
        var description: String { "files not found under Data/" }
    }

    static let catalogs = SpecCatalogs(
        methods: [zerolog, metalog],
        datasets: DatasetDirectory(names: ["hdfs", "bgl", "openstack", "absent"]) { name in
            if name == "absent" { throw Missing() }
            return "fp-\(name)"
        })

    /// A valid spec as a JSON object; tests mutate it to inject one fault each.
    static func base() -> [String: Any] {
        [
            "schemaVersion": 1,
            "name": "t1",
            "title": "Test table",
            "reproduces": "Nothing (test)",
            "pairs": ["hdfs→bgl", ["source": "bgl", "target": "hdfs"]],
            "seeds": [1, 2],
            "methods": [
                ["row": "ZeroLog", "method": "zerolog"],
                ["row": "ZeroLog w/o meta", "method": "zerolog", "overrides": ["use_meta": false]],
                ["row": "MetaLog", "method": "metalog",
                 "labelBudget": ["anomalyFraction": 0.01, "normalFraction": 0.3]],
            ],
        ]
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func parse(_ object: [String: Any], path: String = "Experiments/t1.json") throws -> SpecFile {
        try SpecFile.parse(data(object), path: path, catalogs: catalogs)
    }

    /// The validation error's lines for `object` (fails the test if it validates).
    static func issues(_ object: [String: Any]) -> [String] {
        do {
            _ = try parse(object)
            return []
        } catch let error as SpecValidationError {
            return error.issues.map(\.description)
        } catch {
            return ["unexpected error \(error)"]
        }
    }
}
