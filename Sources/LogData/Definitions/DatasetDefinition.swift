import ContentHash
import Foundation

/// A dataset definition (`Experiments/datasets/NAME.json`): one system's files, how its lines
/// become events and sessions, where its labels come from, and the session order.
///
/// Schema (version 1), every field documented in Datasets.md §Schema:
/// ```json
/// { "schemaVersion": 1, "name": "hdfs-2pct", "system": "HDFS", "description": "…",
///   "input":    { "kind": "raw", "files": [{"path": "$SHARED_DATASETS/…"}], "logFormat": "<Date> … <Content>",
///                 "contentField": "Content", "drain": {"preset": "hdfs", "config": {…}} },
///   "sessions": { "kind": "identifier", "field": "Content", "pattern": "blk_-?\\d+" },
///   "labels":   { "kind": "sessionLabelFile", "path": "…", "idColumn": "BlockId", "labelColumn": "Label",
///                 "anomalyValues": ["Anomaly"] },
///   "order": "firstLine", "vectors": null }
/// ```
public struct DatasetDefinition: Codable, Hashable, Sendable {
    /// The only schema version this code reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Unique name, e.g. `hdfs-2pct`; the file is `NAME.json`.
    public var name: String
    /// The system family (`HDFS`, `BGL`, …): cross-system pairs must differ in it.
    public var system: String
    public var description: String?
    public var input: InputSpec
    /// How lines become sessions. Required for line inputs (`raw`, `eventLines`); absent for `sequences`.
    public var sessions: SessionSpec?
    public var labels: LabelSpec
    public var order: SessionOrder
    /// Default word-vector file for this dataset (e.g. a synthetic system's own vectors); the
    /// `--vectors` option overrides it; absent = the shared GloVe 50-d file.
    public var vectors: String?

    public init(name: String, system: String, description: String? = nil, input: InputSpec,
                sessions: SessionSpec?, labels: LabelSpec, order: SessionOrder = .firstLine,
                vectors: String? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.name = name
        self.system = system
        self.description = description
        self.input = input
        self.sessions = sessions
        self.labels = labels
        self.order = order
        self.vectors = vectors
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, name, system, description, input, sessions, labels, order, vectors
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion == Self.currentSchemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: c,
                debugDescription: "expected schemaVersion \(Self.currentSchemaVersion), found \(schemaVersion)")
        }
        name = try c.decode(String.self, forKey: .name)
        system = try c.decode(String.self, forKey: .system)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        input = try c.decode(InputSpec.self, forKey: .input)
        sessions = try c.decodeIfPresent(SessionSpec.self, forKey: .sessions)
        labels = try c.decode(LabelSpec.self, forKey: .labels)
        order = try c.decodeIfPresent(SessionOrder.self, forKey: .order) ?? .firstLine
        vectors = try c.decodeIfPresent(String.self, forKey: .vectors)
        switch input {
        case .raw, .eventLines:
            if sessions == nil {
                throw DecodingError.keyNotFound(CodingKeys.sessions, .init(
                    codingPath: c.codingPath,
                    debugDescription: "line inputs (raw, eventLines) need a \"sessions\" object"))
            }
        case .sequences:
            if sessions != nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .sessions, in: c,
                    debugDescription: "\"sequences\" inputs are already sessions; remove \"sessions\"")
            }
        }
    }
}

// MARK: - Order

/// The order sessions are listed in, which chronological splits follow.
public enum SessionOrder: String, Codable, Hashable, Sendable {
    /// By the position of each session's first line in the (concatenated) input: chronological for logs.
    case firstLine
    /// Grouped windows only: all windows of the first-seen group, then the next group (MetaLog's BGL order).
    case groupMajor
    /// Sequence inputs: files in the listed order, lines in file order.
    case asListed
    /// Sorted by session id: for inputs without time whose files are split by class, random ids
    /// (OpenStack instance UUIDs) give a deterministic order independent of the label.
    case byId
}

// MARK: - Files

/// One input file, optionally a member of a zip archive (read with `unzip -p`), optionally labeled.
public struct InputFile: Codable, Hashable, Sendable {
    /// Path with a `$SHARED_DATASETS/` or `$DATA_DIR/` prefix, absolute, or relative to the project root.
    public var path: String
    /// When set, `path` is a zip archive and this is the member to read.
    public var member: String?
    /// Per-file label (`labels.kind == "perFile"`): `normal` or `anomalous`.
    public var label: FileLabel?
    /// Read at most this many lines (sequence files): a documented subsample of huge files.
    public var maxLines: Int?

    public init(path: String, member: String? = nil, label: FileLabel? = nil, maxLines: Int? = nil) {
        self.path = path
        self.member = member
        self.label = label
        self.maxLines = maxLines
    }

    /// A short name for session ids and messages: the member name, else the file name.
    public var displayName: String { member ?? (path as NSString).lastPathComponent }
}

// MARK: - Template tables

/// A table that maps event tokens of pre-parsed inputs to template texts.
public struct TemplateTableSpec: Codable, Hashable, Sendable {
    public enum Format: String, Codable, Hashable, Sendable {
        /// One template per line; the token of line k is `idBase + k` (k counted from 0).
        case lines
        /// A CSV with a header row; tokens are the `idColumn` values.
        case csv
    }
    public var file: InputFile
    public var format: Format
    public var idColumn: String?
    public var templateColumn: String?
    public var idBase: Int?
    /// Tokens the file does not list, with their template text (Thunderbird's id 6425 = empty message).
    public var extra: [String: String]?

    public init(file: InputFile, format: Format, idColumn: String? = nil, templateColumn: String? = nil,
                idBase: Int? = nil, extra: [String: String]? = nil) {
        self.extra = extra
        self.file = file
        self.format = format
        self.idColumn = idColumn
        self.templateColumn = templateColumn
        self.idBase = idBase
    }
}

// MARK: - Drain

/// Drain settings: a named preset, explicit config fields overriding it, or both.
public struct DrainSettings: Codable, Hashable, Sendable {
    public var preset: String?
    /// Fields of `DrainConfig` (JSON object) applied on top of the preset.
    public var config: JSONValue?
    /// Masks applied before the preset's masks (e.g. OpenStack instance UUIDs → `<UUID>`).
    public var extraMasks: [MaskRule]?

    public init(preset: String? = nil, config: JSONValue? = nil, extraMasks: [MaskRule]? = nil) {
        self.preset = preset
        self.config = config
        self.extraMasks = extraMasks
    }

    /// Lower-case hyphenated UUIDs, masked as `<UUID>`.
    public static let uuidMask = MaskRule("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<UUID>")
}

/// The label a `perFile` rule gives every session read from a file.
public enum FileLabel: String, Codable, Hashable, Sendable {
    case normal, anomalous
    public var sessionLabel: SessionLabel { self == .normal ? .normal : .anomalous }
}
