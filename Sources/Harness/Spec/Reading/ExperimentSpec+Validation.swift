import ContentHash
import Methods
import Reports

extension ExperimentSpec {
    /// Checks the spec against the catalogs: known methods, datasets and hyperparameter names
    /// (nearest known name suggested), value types against the defaults, label budgets only on
    /// methods that can use labels, unique rows and pairs, and published cells and plots that
    /// point at existing rows, columns and sweeps.
    func validate(catalogs: SpecCatalogs, reader: inout SpecReader) {
        let top = JSONPath.root
        let methodNames = catalogs.methods.map(\.name)

        // MARK: Pairs
        var seenPairs: [String: Int] = [:]
        for (index, pair) in pairs.enumerated() {
            for (field, name) in [("source", pair.source), ("target", pair.target)]
            where !catalogs.datasets.names.contains(name) {
                reader.fail(top / "pairs" / index / field, NameSuggestion.unknown("dataset", name, known: catalogs.datasets.names))
            }
            if pair.source == pair.target {
                reader.fail(top / "pairs" / index, "source and target are the same dataset `\(pair.source)`")
            }
            if let first = seenPairs[pair.key] {
                reader.fail(top / "pairs" / index, "duplicate pair `\(pair.key)` (also pairs[\(first)])")
            } else { seenPairs[pair.key] = index }
        }

        // MARK: Spec-level overrides
        for method in methodOverrides.keys.sorted() {
            let path = top / "methodOverrides" / method
            guard let descriptor = catalogs.method(named: method) else {
                reader.fail(path, NameSuggestion.unknown("method", method, known: methodNames))
                continue
            }
            Self.checkHyperparameters(methodOverrides[method] ?? [:], of: descriptor, at: path, reader: &reader)
        }

        // MARK: Method rows
        var seenRows: [String: Int] = [:]
        for (index, row) in methods.enumerated() {
            let path = top / "methods" / index
            if let first = seenRows[row.row] {
                reader.fail(path / "row", "duplicate row name `\(row.row)` (also methods[\(first)].row); row names must be unique")
            } else { seenRows[row.row] = index }
            guard let descriptor = catalogs.method(named: row.method) else {
                reader.fail(path / "method", NameSuggestion.unknown("method", row.method, known: methodNames))
                continue
            }
            Self.checkHyperparameters(row.overrides, of: descriptor, at: path / "overrides", reader: &reader)
            if let budget = row.labelBudget, !budget.isZero, !descriptor.usesTargetLabels {
                reader.fail(path / "labelBudget", "method `\(descriptor.name)` cannot use target labels; expected no label budget (or zero fractions), got \(budget)")
            }
            if let sweep = row.sweep { Self.checkSweep(sweep, of: descriptor, at: path / "sweep", reader: &reader) }
        }

        // MARK: Derived rows, published numbers, plots
        let rows = derivedRows()
        var seenKeys: [String: Int] = [:]
        for row in rows {
            guard let first = seenKeys[row.key] else {
                seenKeys[row.key] = row.methodIndex
                continue
            }
            // Two method rows with one name are reported above.
            if first != row.methodIndex && methods[first].row == methods[row.methodIndex].row { continue }
            let path = top / "methods" / row.methodIndex / (row.point.isEmpty ? "row" : "sweep")
            reader.fail(path, "duplicate report row `\(row.key)`; sweep values must be distinct and rows unique")
        }
        let rowKeys = rows.map(\.key), columns = columnKeys
        var seenCells: Set<String> = []
        for (index, number) in published.enumerated() {
            let path = top / "published" / index
            if !rowKeys.contains(number.row) {
                reader.fail(path / "row", NameSuggestion.unknown("report row", number.row, known: rowKeys))
            }
            if !columns.contains(number.column) {
                reader.fail(path / "column", NameSuggestion.unknown("report column", number.column, known: columns))
            }
            if !seenCells.insert("\(number.row)|\(number.column)|\(number.metric)").inserted {
                reader.fail(path, "duplicate published number for \(number.row), \(number.column), \(number.metric)")
            }
        }
        let sweptKeys = Set(methods.compactMap(\.sweep).flatMap(\.keys))
        for (index, plot) in plots.enumerated() {
            switch plot {
            case .sweep(let parameter, _) where !sweptKeys.contains(parameter):
                reader.fail(top / "plots" / index / "parameter",
                            sweptKeys.isEmpty ? "no method row sweeps anything; a sweep plot needs a `sweep`"
                                : NameSuggestion.unknown("swept parameter", parameter, known: sweptKeys.sorted()))
            case .roc(let column?) where !columns.contains(column):
                reader.fail(top / "plots" / index / "column", NameSuggestion.unknown("report column", column, known: columns))
            default: break
            }
        }
    }

    // MARK: - Hyperparameters

    /// Every override names a hyperparameter of the method and has the default's JSON type.
    static func checkHyperparameters(_ values: [String: JSONValue], of descriptor: MethodDescriptor,
                                     at path: JSONPath, reader: inout SpecReader) {
        for key in values.keys.sorted() {
            checkValue(values[key]!, key: key, of: descriptor, at: path / key, reader: &reader)
        }
    }

    static func checkValue(_ value: JSONValue, key: String, of descriptor: MethodDescriptor,
                           at path: JSONPath, reader: inout SpecReader) {
        guard let defaultValue = descriptor.hyperparameters[key] else {
            reader.fail(path, NameSuggestion.unknown("hyperparameter", key, of: descriptor.name,
                                                     known: Array(descriptor.hyperparameters.keys)))
            return
        }
        if case .null = defaultValue { return }
        if SpecReader.kind(value) != SpecReader.kind(defaultValue) {
            reader.fail(path, "wrong type for `\(key)`: expected \(SpecReader.kind(defaultValue)) (like the default \(defaultValue)), got \(SpecReader.describe(value))")
        }
    }

    static func checkSweep(_ sweep: Sweep, of descriptor: MethodDescriptor, at path: JSONPath, reader: inout SpecReader) {
        for (part, lists) in [("grid", sweep.grid), ("zip", sweep.zip)] {
            for key in lists.keys.sorted() {
                let values = lists[key] ?? []
                if Sweep.labelKeys.contains(key) {
                    if !descriptor.usesTargetLabels {
                        reader.fail(path / part / key, "method `\(descriptor.name)` cannot use target labels; it cannot sweep `\(key)`")
                        continue
                    }
                    for (index, value) in values.enumerated() {
                        guard let fraction = value.doubleValue, (0...1).contains(fraction) else {
                            reader.fail(path / part / key / index, "expected a fraction in 0…1, got \(SpecReader.describe(value))")
                            continue
                        }
                    }
                    continue
                }
                guard descriptor.hyperparameters[key] != nil else {
                    let known = Array(descriptor.hyperparameters.keys) + (descriptor.usesTargetLabels ? Sweep.labelKeys : [])
                    reader.fail(path / part / key, NameSuggestion.unknown("hyperparameter", key, of: descriptor.name, known: known))
                    continue
                }
                for (index, value) in values.enumerated() {
                    checkValue(value, key: key, of: descriptor, at: path / part / key / index, reader: &reader)
                }
            }
        }
    }
}
