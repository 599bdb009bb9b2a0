import Foundation

/// Where session labels come from.
public enum LabelSpec: Hashable, Sendable {
    /// No labels (user data, detect mode): every session is `unknown`.
    case none
    /// A per-line alert column: a line whose `field` differs from `normalValue` is an alert; a
    /// session with any alert line is anomalous (BGL/Thunderbird first column, `-` = normal).
    case alertField(field: String, normalValue: String)
    /// A CSV with a header mapping session ids to labels (loghub `anomaly_label.csv`:
    /// `BlockId,Label` with `Normal`/`Anomaly`). Sessions absent from the file are `unknown`.
    case sessionLabelFile(file: InputFile, idColumn: String, labelColumn: String, anomalyValues: [String])
    /// A text file listing anomalous session ids, one per line (loghub OpenStack
    /// `anomaly_labels.txt`); lines that are not a session id (prose, blanks) are ignored.
    case anomalousIdList(file: InputFile)
    /// Each input file carries its own `label` (sequence files split by class).
    case perFile
    /// Sequence CSVs: the input's `labelColumn`.
    case column

    public var kindName: String {
        switch self {
        case .none: return "none"
        case .alertField: return "alertField"
        case .sessionLabelFile: return "sessionLabelFile"
        case .anomalousIdList: return "anomalousIdList"
        case .perFile: return "perFile"
        case .column: return "column"
        }
    }

    /// Files the rule reads (their hashes enter the cache key).
    public var files: [InputFile] {
        switch self {
        case .sessionLabelFile(let f, _, _, _), .anomalousIdList(let f): return [f]
        default: return []
        }
    }
}

extension LabelSpec: Codable {
    enum Keys: String, CodingKey { case kind, field, normalValue, path, member, idColumn, labelColumn, anomalyValues }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        func file() throws -> InputFile {
            InputFile(path: try c.decode(String.self, forKey: .path),
                      member: try c.decodeIfPresent(String.self, forKey: .member))
        }
        switch kind {
        case "none": self = .none
        case "alertField":
            self = .alertField(field: try c.decodeIfPresent(String.self, forKey: .field) ?? "Label",
                               normalValue: try c.decodeIfPresent(String.self, forKey: .normalValue) ?? "-")
        case "sessionLabelFile":
            self = .sessionLabelFile(
                file: try file(),
                idColumn: try c.decodeIfPresent(String.self, forKey: .idColumn) ?? "BlockId",
                labelColumn: try c.decodeIfPresent(String.self, forKey: .labelColumn) ?? "Label",
                anomalyValues: try c.decodeIfPresent([String].self, forKey: .anomalyValues) ?? ["Anomaly", "Anomalous", "1"])
        case "anomalousIdList": self = .anomalousIdList(file: try file())
        case "perFile": self = .perFile
        case "column": self = .column
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "expected one of \"none\", \"alertField\", \"sessionLabelFile\", \"anomalousIdList\", \"perFile\", \"column\", found \"\(kind)\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kindName, forKey: .kind)
        switch self {
        case .none, .perFile, .column: break
        case .alertField(let field, let normal):
            try c.encode(field, forKey: .field); try c.encode(normal, forKey: .normalValue)
        case .sessionLabelFile(let f, let idColumn, let labelColumn, let values):
            try c.encode(f.path, forKey: .path); try c.encodeIfPresent(f.member, forKey: .member)
            try c.encode(idColumn, forKey: .idColumn); try c.encode(labelColumn, forKey: .labelColumn)
            try c.encode(values, forKey: .anomalyValues)
        case .anomalousIdList(let f):
            try c.encode(f.path, forKey: .path); try c.encodeIfPresent(f.member, forKey: .member)
        }
    }
}
