import Methods

/// What spec validation and expansion need to know about the outside world, injected so tests
/// use small fakes and the CLI passes the real method and dataset catalogs.
public struct SpecCatalogs: Sendable {
    /// Every method a spec may name, with its hyperparameters and defaults.
    public var methods: [MethodDescriptor]
    public var datasets: DatasetDirectory

    public init(methods: [MethodDescriptor], datasets: DatasetDirectory) {
        self.methods = methods
        self.datasets = datasets
    }

    func method(named name: String) -> MethodDescriptor? { methods.first { $0.name == name } }
}

/// The dataset definitions a spec may name, and a cheap content fingerprint of each (it throws
/// when a dataset's files are not on disk, e.g. a full dataset not fetched yet).
public struct DatasetDirectory: Sendable {
    public var names: [String]
    public var fingerprint: @Sendable (String) throws -> String

    public init(names: [String], fingerprint: @escaping @Sendable (String) throws -> String) {
        self.names = names
        self.fingerprint = fingerprint
    }
}
