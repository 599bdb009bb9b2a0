import ContentHash

/// One point of a sweep: the values it sets, in a fixed order (grid keys sorted, then zip keys sorted).
public typealias SweepPoint = [(key: String, value: JSONValue)]

extension Sweep {
    /// Every point: the cartesian product of the grid lists (the last key varies fastest), each
    /// combined with every zipped tuple. Size = Π|grid lists| × |zip lists|.
    public func points() -> [SweepPoint] {
        var product: [SweepPoint] = [[]]
        for key in grid.keys.sorted() {
            let values = grid[key] ?? []
            product = product.flatMap { prefix in values.map { prefix + [(key: key, value: $0)] } }
        }
        let zipKeys = zip.keys.sorted()
        guard let length = zipKeys.first.map({ self.zip[$0]!.count }) else { return product }
        let tuples: [SweepPoint] = (0..<length).map { index in
            zipKeys.map { (key: $0, value: self.zip[$0]![index]) }
        }
        return product.flatMap { prefix in tuples.map { prefix + $0 } }
    }

    /// The name a key has in row labels: label-budget keys lose their `targetLabels.` prefix.
    static func displayName(_ key: String) -> String {
        key.hasPrefix("targetLabels.") ? String(key.dropFirst("targetLabels.".count)) : key
    }
}

/// A report row derived from a spec: one per method row, or one per sweep point of a sweeping row.
public struct DerivedRow: Sendable {
    /// The row key stored with each job: `ZeroLog` or `ZeroLog beta=2`.
    public var key: String
    /// The method row's label.
    public var group: String
    /// Index into `ExperimentSpec.methods`.
    public var methodIndex: Int
    public var point: SweepPoint
}

extension ExperimentSpec {
    /// Report rows in spec order (sweep points in `Sweep.points()` order).
    public func derivedRows() -> [DerivedRow] {
        methods.enumerated().flatMap { index, row -> [DerivedRow] in
            guard let sweep = row.sweep else {
                return [DerivedRow(key: row.row, group: row.row, methodIndex: index, point: [])]
            }
            return sweep.points().map { point in
                let suffix = point.map { "\(Sweep.displayName($0.key))=\($0.value)" }.joined(separator: ", ")
                return DerivedRow(key: "\(row.row) \(suffix)", group: row.row, methodIndex: index, point: point)
            }
        }
    }

    /// Report column keys in spec order.
    public var columnKeys: [String] { pairs.map(\.key) }
}
