import ContentHash
import Methods
import Reports

extension SpecFile {
    /// Expands the spec into jobs: row × sweep point × pair × seed, in that nesting order.
    ///
    /// Each job's hyperparameters are frozen fully resolved, in increasing precedence: the method
    /// descriptor's defaults, then `methodOverrides[method]`, then the row's `overrides`, then the
    /// sweep point. Label-budget sweep keys replace the row's budget fractions. Dataset
    /// fingerprints come from the catalog (a missing dataset fails here with a hint to fetch it).
    public func expand(catalogs: SpecCatalogs) throws -> ExpandedExperiment {
        var fingerprints: [String: String] = [:]
        var issues: [SpecIssue] = []
        for (index, pair) in spec.pairs.enumerated() {
            for (field, name) in [("source", pair.source), ("target", pair.target)] where fingerprints[name] == nil {
                do { fingerprints[name] = try catalogs.datasets.fingerprint(name) } catch {
                    issues.append(SpecIssue(file: path, path: JSONPath.root / "pairs" / index / field,
                        message: "dataset `\(name)` is not available: \(error). " + Self.availabilityHint(name)))
                    fingerprints[name] = ""
                }
            }
        }
        guard issues.isEmpty else { throw SpecValidationError(file: path, issues: issues) }

        var jobs: [PlannedJob] = []
        for row in spec.derivedRows() {
            let methodRow = spec.methods[row.methodIndex]
            guard let descriptor = catalogs.method(named: methodRow.method) else {
                throw SpecValidationError(file: path, issues: [SpecIssue(file: path,
                    path: JSONPath.root / "methods" / row.methodIndex / "method",
                    message: NameSuggestion.unknown("method", methodRow.method, known: catalogs.methods.map(\.name)))])
            }
            let (hyperparameters, budget) = spec.resolve(row: row, descriptor: descriptor)
            for pair in spec.pairs {
                let source = descriptor.needsSource ? pair.source : nil
                var datasetFingerprints = [pair.target: fingerprints[pair.target]!]
                if let source { datasetFingerprints[source] = fingerprints[source]! }
                for seed in spec.seeds {
                    let job = TrainingJob(method: descriptor.name, source: source, target: pair.target,
                                          targetLabels: budget, hyperparameters: hyperparameters, seed: seed,
                                          datasetFingerprints: datasetFingerprints)
                    jobs.append(try PlannedJob(job: job, row: row.key, column: pair.key))
                }
            }
        }
        return ExpandedExperiment(name: spec.name, specHash: specHash, specJSON: canonicalJSON, jobs: jobs)
    }
}

extension SpecFile {
    /// How to get a missing dataset: generate the synthetic systems, or fetch the full datasets.
    static func availabilityHint(_ name: String) -> String {
        name.hasPrefix("synth-")
            ? "Generate the synthetic systems with `make synth` (`zerolog synth --out Data/synth`)"
            : "Fetch the full datasets with `make datasets` (`zerolog datasets fetch`)"
    }
}

extension ExperimentSpec {
    /// The fully resolved hyperparameters and label budget of one derived row (see `expand`).
    func resolve(row: DerivedRow, descriptor: MethodDescriptor) -> ([String: JSONValue], LabelBudget) {
        let methodRow = methods[row.methodIndex]
        var values = descriptor.hyperparameters
        values.merge(methodOverrides[descriptor.name] ?? [:]) { $1 }
        values.merge(methodRow.overrides) { $1 }
        var budget = methodRow.labelBudget ?? Self.defaultBudget(of: descriptor)
        for (key, value) in row.point {
            switch key {
            case Sweep.anomalyFractionKey: budget.anomalyFraction = value.doubleValue ?? budget.anomalyFraction
            case Sweep.normalFractionKey: budget.normalFraction = value.doubleValue ?? budget.normalFraction
            default: values[key] = value
            }
        }
        return (values, budget)
    }

    /// A row without `labelBudget` gets the method's default budget (none for zero-label methods).
    static func defaultBudget(of descriptor: MethodDescriptor) -> LabelBudget {
        descriptor.usesTargetLabels ? descriptor.defaultTargetLabels : LabelBudget.none
    }

    /// The report layout: derived rows (with numeric sweep values for plots), pair columns,
    /// metrics, published numbers and plots.
    public func reportLayout() -> ReportLayout {
        let rows = derivedRows().map { row in
            ReportRow(key: row.key, group: row.group,
                      sweepValues: Dictionary(uniqueKeysWithValues: row.point.compactMap { entry in
                          entry.value.doubleValue.map { (entry.key, $0) }
                      }))
        }
        return ReportLayout(experiment: name, title: title, reproduces: reproduces, notes: notes,
                            rows: rows, columns: columnKeys, metrics: metrics, published: published, plots: plots)
    }
}
