import ContentHash
import Foundation
import Testing
@testable import Harness

/// Each kind of spec mistake gives an error naming the file, the exact JSON path and what was expected.
struct SpecValidationTests {
    typealias F = SpecFixtures

    @Test func baseSpecIsValid() throws {
        let file = try F.parse(F.base())
        #expect(file.spec.methods.count == 3)
        #expect(file.spec.pairs.map(\.key) == ["hdfs→bgl", "bgl→hdfs"])
    }

    @Test func unknownMethodSuggestsNearest() {
        var spec = F.base()
        spec["methods"] = [["row": "A", "method": "zerlog"]]
        let issues = F.issues(spec)
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("Experiments/t1.json: methods[0].method: unknown method `zerlog`; did you mean `zerolog`?") == true)
    }

    @Test func unknownDatasetSuggestsNearest() {
        var spec = F.base()
        spec["pairs"] = ["hdfs→bgll"]
        let issues = F.issues(spec)
        #expect(issues == ["Experiments/t1.json: pairs[0].target: unknown dataset `bgll`; did you mean `bgl`? Expected one of: `absent`, `bgl`, `hdfs`, `openstack`"])
    }

    @Test func hyperparameterTypoSuggestsNearestName() {
        var spec = F.base()
        var methods = spec["methods"] as! [[String: Any]]
        methods[2]["overrides"] = ["betta": 4]
        spec["methods"] = methods
        let issues = F.issues(spec)
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("Experiments/t1.json: methods[2].overrides.betta: unknown hyperparameter `betta` of `metalog`; did you mean `beta`?") == true)
    }

    @Test func emptySweepIsRejected() {
        var spec = F.base()
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog", "sweep": ["grid": ["beta": []]]]]
        #expect(F.issues(spec).contains("Experiments/t1.json: methods[0].sweep.grid.beta: empty sweep: expected at least one value"))
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog", "sweep": [:]]]
        #expect(F.issues(spec).contains { $0.hasPrefix("Experiments/t1.json: methods[0].sweep: empty sweep") })
    }

    @Test func wrongTypesNameTheExpectation() {
        var spec = F.base()
        spec["seeds"] = [1, "two"]
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog", "overrides": ["beta": "high", "use_meta": 0]]]
        let issues = F.issues(spec)
        #expect(issues.contains("Experiments/t1.json: seeds[1]: expected an integer, got a string \"two\""))
        // Overrides are type-checked against the defaults once the structure is sound.
        spec["seeds"] = [1]
        let second = F.issues(spec)
        #expect(second.contains("Experiments/t1.json: methods[0].overrides.beta: wrong type for `beta`: expected a number (like the default 2), got a string \"high\""))
        #expect(second.contains("Experiments/t1.json: methods[0].overrides.use_meta: wrong type for `use_meta`: expected a boolean (like the default true), got a number 0"))
    }

    @Test func duplicateRowNames() {
        var spec = F.base()
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog"], ["row": "ZeroLog", "method": "metalog"]]
        #expect(F.issues(spec) == ["Experiments/t1.json: methods[1].row: duplicate row name `ZeroLog` (also methods[0].row); row names must be unique"])
    }

    @Test func labelBudgetOnMethodWithoutLabels() {
        var spec = F.base()
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog", "labelBudget": ["anomalyFraction": 0.01, "normalFraction": 0]]]
        let issues = F.issues(spec)
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("Experiments/t1.json: methods[0].labelBudget: method `zerolog` cannot use target labels") == true)
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog",
                            "sweep": ["grid": ["targetLabels.anomalyFraction": [0.01, 0.05]]]]]
        #expect(F.issues(spec).first?.hasPrefix("Experiments/t1.json: methods[0].sweep.grid[\"targetLabels.anomalyFraction\"]: method `zerolog` cannot use target labels") == true)
    }

    @Test func unknownTopLevelFieldAndMissingRequired() {
        var spec = F.base()
        spec["seed"] = [1]
        spec.removeValue(forKey: "title")
        let issues = F.issues(spec)
        #expect(issues.contains { $0.hasPrefix("Experiments/t1.json: seed: unknown field `seed`; did you mean `seeds`?") })
        #expect(issues.contains("Experiments/t1.json: title: missing required field"))
    }

    @Test func sweepTypoAndZipLengths() {
        var spec = F.base()
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog",
                            "sweep": ["grid": ["gama": [1, 2]], "zip": ["beta": [1, 2], "meta_step": [1]]]]]
        let issues = F.issues(spec)
        #expect(issues.contains("Experiments/t1.json: methods[0].sweep.zip: zipped lists must have equal lengths, got beta: 2, meta_step: 1"))
        spec["methods"] = [["row": "ZeroLog", "method": "zerolog", "sweep": ["grid": ["gama": [1, 2]]]]]
        #expect(F.issues(spec).first?.hasPrefix("Experiments/t1.json: methods[0].sweep.grid.gama: unknown hyperparameter `gama` of `zerolog`; did you mean `gamma`?") == true)
    }

    @Test func publishedNumbersMustPointAtCells() {
        var spec = F.base()
        spec["published"] = [["row": "MetaLg", "column": "hdfs→bgl", "metric": "f1", "value": 92.93, "source": "MetaLog ICSE'24 Table 1"],
                             ["row": "MetaLog", "column": "hdfs->bgl", "metric": "f1", "value": 92.93, "source": "x"]]
        let issues = F.issues(spec)
        #expect(issues.contains { $0.hasPrefix("Experiments/t1.json: published[0].row: unknown report row `MetaLg`; did you mean `MetaLog`?") })
        #expect(issues.count == 1)  // `hdfs->bgl` is the same column as `hdfs→bgl`
        spec["published"] = [["row": "MetaLog", "column": "hdfs→bgl", "metric": "f1", "value": 192.93, "source": "x"]]
        #expect(F.issues(spec) == ["Experiments/t1.json: published[0].value: expected a number in 0…100, got 192.93"])
    }

    @Test func schemaVersionAndInvalidJSON() {
        var spec = F.base()
        spec["schemaVersion"] = 2
        #expect(F.issues(spec) == ["Experiments/t1.json: schemaVersion: unsupported schema version 2; this build reads version 1"])
        #expect(throws: SpecValidationError.self) {
            try SpecFile.parse(Data("{\"name\": ".utf8), path: "bad.json", catalogs: F.catalogs)
        }
    }

    @Test func nearestNameDistance() {
        #expect(NameSuggestion.editDistance("betta", "beta") == 1)
        #expect(NameSuggestion.nearest(to: "pooling_kind", in: ["beta", "gamma"]) == nil)
    }
}
