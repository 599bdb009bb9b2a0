import Foundation

/// Where data lives on disk. Paths in dataset definitions may start with one of two prefixes:
///
/// - `$SHARED_DATASETS/…`: the real samples beside the project (`../shared/datasets`), or the
///   directory named by the environment variable `ZEROLOG_SHARED_DATASETS`.
/// - `$DATA_DIR/…`: full datasets the project downloads (`zerolog datasets fetch`), outside git:
///   `Data/` in the project root, or `ZEROLOG_DATA_DIR`.
///
/// The cache of prepared datasets lives in `$DATA_DIR/cache` unless `ZEROLOG_CACHE_DIR` is set.
public struct DataLocations: Sendable, Equatable {
    public var projectRoot: URL
    public var sharedDatasets: URL
    public var dataDirectory: URL
    public var cacheDirectory: URL

    public init(projectRoot: URL, sharedDatasets: URL? = nil, dataDirectory: URL? = nil, cacheDirectory: URL? = nil) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.sharedDatasets = (sharedDatasets
            ?? projectRoot.appendingPathComponent("../shared/datasets")).standardizedFileURL
        let data = (dataDirectory ?? projectRoot.appendingPathComponent("Data")).standardizedFileURL
        self.dataDirectory = data
        self.cacheDirectory = (cacheDirectory ?? data.appendingPathComponent("cache")).standardizedFileURL
    }

    /// Locations from the environment, with `projectRoot` defaulting to the current directory.
    public static func fromEnvironment(
        projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DataLocations {
        DataLocations(
            projectRoot: projectRoot,
            sharedDatasets: environment["ZEROLOG_SHARED_DATASETS"].map { URL(fileURLWithPath: $0) },
            dataDirectory: environment["ZEROLOG_DATA_DIR"].map { URL(fileURLWithPath: $0) },
            cacheDirectory: environment["ZEROLOG_CACHE_DIR"].map { URL(fileURLWithPath: $0) })
    }

    /// Locations for tests: the project root derived from a test file's `#filePath`
    /// (`<root>/Tests/<Module>Tests/<file>.swift`), a private cache directory.
    public static func forTests(filePath: String = #filePath) -> DataLocations {
        let root = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let env = ProcessInfo.processInfo.environment
        let cache = FileManager.default.temporaryDirectory
            .appendingPathComponent("zerolog-test-cache-\(ProcessInfo.processInfo.processIdentifier)")
        return DataLocations(
            projectRoot: root,
            sharedDatasets: env["ZEROLOG_SHARED_DATASETS"].map { URL(fileURLWithPath: $0) },
            dataDirectory: env["ZEROLOG_DATA_DIR"].map { URL(fileURLWithPath: $0) },
            cacheDirectory: cache)
    }

    /// Whether the shared real-data samples are present (tests skip visibly when not).
    public var hasSharedDatasets: Bool {
        FileManager.default.fileExists(atPath: sharedDatasets.appendingPathComponent("README.md").path)
    }

    /// Resolves `$SHARED_DATASETS/…`, `$DATA_DIR/…`, absolute paths, and paths relative to the project root.
    public func resolve(_ path: String) -> URL {
        if path.hasPrefix("$SHARED_DATASETS/") {
            return sharedDatasets.appendingPathComponent(String(path.dropFirst("$SHARED_DATASETS/".count)))
        }
        if path.hasPrefix("$DATA_DIR/") {
            return dataDirectory.appendingPathComponent(String(path.dropFirst("$DATA_DIR/".count)))
        }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return projectRoot.appendingPathComponent(path).standardizedFileURL
    }
}
