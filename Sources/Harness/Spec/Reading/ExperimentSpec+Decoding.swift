import ContentHash
import Foundation
import Methods
import Reports

extension ExperimentSpec {
    /// Decodes a spec from its JSON value, collecting every structural problem (wrong types,
    /// unknown or missing fields, empty lists) with its JSON path. Catalog checks come after, in
    /// `validate(file:catalogs:)`.
    static func decode(_ root: JSONValue, reader: inout SpecReader) -> ExperimentSpec? {
        let top = JSONPath.root
        guard let object = reader.object(root, at: top, required: [
            "schemaVersion", "name", "title", "reproduces", "pairs", "seeds", "methods",
        ], optional: ["notes", "methodOverrides", "metrics", "published", "plots"],
            what: "a JSON object (an experiment spec)") else { return nil }

        let version = reader.integer(object["schemaVersion"], at: top / "schemaVersion")
        if let version, version != currentSchemaVersion {
            reader.fail(top / "schemaVersion", "unsupported schema version \(version); this build reads version \(currentSchemaVersion)")
        }
        let name = reader.string(object["name"], at: top / "name")
        if let name, !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            reader.fail(top / "name", "expected letters, digits, `-`, `_` or `.` only (it names output files), got \"\(name)\"")
        }
        let title = reader.string(object["title"], at: top / "title")
        let reproduces = reader.string(object["reproduces"], at: top / "reproduces")
        let notes = reader.array(object["notes"], at: top / "notes")?
            .compactMap { reader.string($0.value, at: $0.path) } ?? []
        let pairs = reader.array(object["pairs"], at: top / "pairs", nonEmpty: true)?
            .compactMap { decodePair($0.value, at: $0.path, reader: &reader) }
        let seeds = decodeSeeds(object["seeds"], at: top / "seeds", reader: &reader)
        var methodOverrides: [String: [String: JSONValue]] = [:]
        if let overrides = reader.dictionary(object["methodOverrides"], at: top / "methodOverrides",
                                             what: "an object of method name → hyperparameter overrides") {
            for (method, value) in overrides {
                if let values = reader.dictionary(value, at: top / "methodOverrides" / method,
                                                  what: "an object of hyperparameter overrides") {
                    methodOverrides[method] = values
                }
            }
        }
        let methods = reader.array(object["methods"], at: top / "methods", nonEmpty: true)?
            .compactMap { decodeMethodRow($0.value, at: $0.path, reader: &reader) }
        var metrics = defaultMetrics
        if let items = reader.array(object["metrics"], at: top / "metrics", nonEmpty: true) {
            metrics = items.compactMap { item in
                guard let metric = reader.string(item.value, at: item.path) else { return nil }
                guard knownMetrics.contains(metric) else {
                    reader.fail(item.path, NameSuggestion.unknown("metric", metric, known: knownMetrics))
                    return nil
                }
                return metric
            }
        }
        let published = reader.array(object["published"], at: top / "published")?
            .compactMap { decodePublished($0.value, at: $0.path, reader: &reader) } ?? []
        let plots = reader.array(object["plots"], at: top / "plots")?
            .compactMap { decodePlot($0.value, at: $0.path, reader: &reader) } ?? []

        guard let version, let name, let title, let reproduces, let pairs, let seeds, let methods else { return nil }
        return ExperimentSpec(schemaVersion: version, name: name, title: title, reproduces: reproduces,
                              notes: notes, pairs: pairs, seeds: seeds, methodOverrides: methodOverrides,
                              methods: methods, metrics: metrics, published: published, plots: plots)
    }

    // MARK: - Parts

    /// A pair is `"hdfs→bgl"` (or `"hdfs->bgl"`) or `{"source": "hdfs", "target": "bgl"}`.
    static func decodePair(_ value: JSONValue, at path: JSONPath, reader: inout SpecReader) -> DatasetPair? {
        if case .string(let text) = value {
            let parts = text.replacingOccurrences(of: "->", with: "→").split(separator: "→", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                reader.fail(path, "expected \"source→target\" (or \"source->target\"), got \"\(text)\"")
                return nil
            }
            return DatasetPair(source: parts[0], target: parts[1])
        }
        guard let object = reader.object(value, at: path, required: ["source", "target"],
                                         what: "\"source→target\" or an object {source, target}") else { return nil }
        guard let source = reader.string(object["source"], at: path / "source"),
              let target = reader.string(object["target"], at: path / "target") else { return nil }
        return DatasetPair(source: source, target: target)
    }

    static func decodeSeeds(_ value: JSONValue?, at path: JSONPath, reader: inout SpecReader) -> [UInt64]? {
        guard let items = reader.array(value, at: path, nonEmpty: true, what: "an array of integer seeds") else { return nil }
        var seeds: [UInt64] = []
        for item in items {
            guard let seed = reader.integer(item.value, at: item.path, minimum: 0) else { continue }
            if seeds.contains(UInt64(seed)) { reader.fail(item.path, "duplicate seed \(seed)") } else { seeds.append(UInt64(seed)) }
        }
        return seeds.count == items.count ? seeds : nil
    }

    static func decodeMethodRow(_ value: JSONValue, at path: JSONPath, reader: inout SpecReader) -> MethodRow? {
        guard let object = reader.object(value, at: path, required: ["row", "method"],
                                         optional: ["overrides", "labelBudget", "sweep"]) else { return nil }
        let row = reader.string(object["row"], at: path / "row")
        let method = reader.string(object["method"], at: path / "method")
        let overrides = reader.dictionary(object["overrides"], at: path / "overrides",
                                          what: "an object of hyperparameter overrides") ?? [:]
        var budget: LabelBudget?
        if let budgetObject = reader.object(object["labelBudget"], at: path / "labelBudget",
                                            required: ["anomalyFraction", "normalFraction"]) {
            budget = LabelBudget.none
            budget?.anomalyFraction = reader.number(budgetObject["anomalyFraction"], at: path / "labelBudget" / "anomalyFraction", in: 0...1) ?? 0
            budget?.normalFraction = reader.number(budgetObject["normalFraction"], at: path / "labelBudget" / "normalFraction", in: 0...1) ?? 0
        }
        let sweep = object["sweep"].flatMap { decodeSweep($0, at: path / "sweep", reader: &reader) }
        guard let row, let method else { return nil }
        return MethodRow(row: row, method: method, overrides: overrides, labelBudget: budget, sweep: sweep)
    }

    static func decodeSweep(_ value: JSONValue, at path: JSONPath, reader: inout SpecReader) -> Sweep? {
        guard let object = reader.object(value, at: path, optional: ["grid", "zip"]) else { return nil }
        var sweep = Sweep()
        var ok = true
        for part in ["grid", "zip"] {
            guard let lists = reader.dictionary(object[part], at: path / part, what: "an object of name → list of values") else { continue }
            for (key, list) in lists {
                guard let items = reader.array(list, at: path / part / key, what: "a list of values") else { ok = false; continue }
                if items.isEmpty {
                    reader.fail(path / part / key, "empty sweep: expected at least one value")
                    ok = false
                }
                if part == "grid" { sweep.grid[key] = items.map(\.value) } else { sweep.zip[key] = items.map(\.value) }
            }
        }
        if sweep.grid.isEmpty && sweep.zip.isEmpty {
            reader.fail(path, "empty sweep: expected `grid` or `zip` with at least one hyperparameter list")
            return nil
        }
        for key in Set(sweep.grid.keys).intersection(sweep.zip.keys).sorted() {
            reader.fail(path / "zip" / key, "`\(key)` is swept in both `grid` and `zip`; sweep it in one")
            ok = false
        }
        let zipLengths = Set(sweep.zip.values.map(\.count))
        if zipLengths.count > 1 {
            let detail = sweep.zip.keys.sorted().map { "\($0): \(sweep.zip[$0]!.count)" }.joined(separator: ", ")
            reader.fail(path / "zip", "zipped lists must have equal lengths, got \(detail)")
            ok = false
        }
        return ok ? sweep : nil
    }

    static func decodePublished(_ value: JSONValue, at path: JSONPath, reader: inout SpecReader) -> PublishedNumber? {
        guard let object = reader.object(value, at: path, required: ["row", "column", "metric", "value", "source"]) else { return nil }
        let row = reader.string(object["row"], at: path / "row")
        let column = reader.string(object["column"], at: path / "column")?.replacingOccurrences(of: "->", with: "→")
        var metric = reader.string(object["metric"], at: path / "metric")
        if let name = metric, !knownMetrics.contains(name) {
            reader.fail(path / "metric", NameSuggestion.unknown("metric", name, known: knownMetrics))
            metric = nil
        }
        let number = reader.number(object["value"], at: path / "value", in: 0...100)
        let source = reader.string(object["source"], at: path / "source")
        guard let row, let column, let metric, let number, let source else { return nil }
        return PublishedNumber(row: row, column: column, metric: metric, value: number, source: source)
    }

    static let plotKinds = ["sweep", "roc"]

    static func decodePlot(_ value: JSONValue, at path: JSONPath, reader: inout SpecReader) -> PlotRequest? {
        guard let object = reader.object(value, at: path, required: ["kind"], optional: ["parameter", "metric", "column"]) else { return nil }
        guard let kind = reader.string(object["kind"], at: path / "kind") else { return nil }
        switch kind {
        case "sweep":
            guard object["parameter"] != nil else {
                reader.fail(path / "parameter", "missing required field (the swept hyperparameter, e.g. \"beta\")")
                return nil
            }
            guard let parameter = reader.string(object["parameter"], at: path / "parameter") else { return nil }
            let metric = reader.string(object["metric"], at: path / "metric") ?? "f1"
            guard knownMetrics.contains(metric) else {
                reader.fail(path / "metric", NameSuggestion.unknown("metric", metric, known: knownMetrics))
                return nil
            }
            return .sweep(parameter: parameter, metric: metric)
        case "roc":
            let column = reader.string(object["column"], at: path / "column")?.replacingOccurrences(of: "->", with: "→")
            return .roc(column: column)
        default:
            reader.fail(path / "kind", NameSuggestion.unknown("plot kind", kind, known: plotKinds))
            return nil
        }
    }
}
