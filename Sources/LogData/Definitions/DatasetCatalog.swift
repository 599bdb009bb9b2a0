import Foundation

/// Errors reading a dataset definition: always name the file, the JSON path and what was expected.
public struct DatasetDefinitionError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var jsonPath: String
    public var message: String

    public var description: String {
        "\(file): at \(jsonPath.isEmpty ? "<root>" : jsonPath): \(message)"
    }

    /// Translates a `DecodingError` into file + JSON path + expectation.
    public init(file: String, decoding error: Error) {
        self.file = file
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error as? DecodingError {
        case .typeMismatch(let type, let ctx)?:
            jsonPath = path(ctx.codingPath)
            message = "expected a value of type \(type)" + (ctx.debugDescription.isEmpty ? "" : " (\(ctx.debugDescription))")
        case .valueNotFound(let type, let ctx)?:
            jsonPath = path(ctx.codingPath)
            message = "expected a value of type \(type), found null"
        case .keyNotFound(let key, let ctx)?:
            jsonPath = path(ctx.codingPath + [key])
            message = "missing required key \"\(key.stringValue)\"" + (ctx.debugDescription.hasPrefix("No value") ? "" : " (\(ctx.debugDescription))")
        case .dataCorrupted(let ctx)?:
            jsonPath = path(ctx.codingPath)
            message = ctx.debugDescription + ((ctx.underlyingError).map { " (\($0.localizedDescription))" } ?? "")
        default:
            jsonPath = ""
            message = "\(error)"
        }
    }

    public init(file: String, jsonPath: String, message: String) {
        self.file = file
        self.jsonPath = jsonPath
        self.message = message
    }
}

extension DatasetDefinition {
    /// Decodes a definition, reporting errors against `fileName`.
    public static func decode(_ data: Data, fileName: String) throws -> DatasetDefinition {
        do {
            return try JSONDecoder().decode(DatasetDefinition.self, from: data)
        } catch {
            throw DatasetDefinitionError(file: fileName, decoding: error)
        }
    }

    /// Loads `url`; the definition's `name` must equal the file's base name.
    public static func load(from url: URL) throws -> DatasetDefinition {
        let data = try Data(contentsOf: url)
        let definition = try decode(data, fileName: url.path)
        let stem = url.deletingPathExtension().lastPathComponent
        guard definition.name == stem else {
            throw DatasetDefinitionError(file: url.path, jsonPath: "name",
                                         message: "expected \"\(stem)\" (the file name), found \"\(definition.name)\"")
        }
        return definition
    }

    /// Pretty, sorted-key JSON for writing definition files.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// All dataset definitions of a directory (`Experiments/datasets`), by name.
public struct DatasetCatalog: Sendable {
    public private(set) var definitions: [String: DatasetDefinition]
    public var directory: URL?

    public init(definitions: [DatasetDefinition]) {
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Loads every `*.json` in `directory`; fails on the first malformed file (naming it).
    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        self.init(definitions: try files.map(DatasetDefinition.load(from:)))
        self.directory = directory
    }

    /// The project's catalog: `Experiments/datasets` under the project root.
    public static func project(_ locations: DataLocations) throws -> DatasetCatalog {
        try DatasetCatalog(directory: locations.projectRoot.appendingPathComponent("Experiments/datasets"))
    }

    public var names: [String] { definitions.keys.sorted() }

    public func definition(named name: String) throws -> DatasetDefinition {
        guard let d = definitions[name] else {
            throw DatasetDefinitionError(file: directory?.path ?? "catalog", jsonPath: "",
                                         message: "no dataset named \"\(name)\"; known: \(names.joined(separator: ", "))")
        }
        return d
    }

    /// Adds or replaces definitions (e.g. generated synthetic systems).
    public mutating func merge(_ other: DatasetCatalog) {
        for (k, v) in other.definitions { definitions[k] = v }
    }
}
