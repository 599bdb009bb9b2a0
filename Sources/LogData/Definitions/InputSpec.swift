import Foundation

/// Where events come from.
public enum InputSpec: Hashable, Sendable {
    /// Raw log lines parsed with `logFormat` and Drain; the content field feeds Drain.
    case raw(RawInput)
    /// Pre-parsed lines, one event per line: a CSV with a header whose `eventColumn` holds event
    /// tokens of `templates` (e.g. BGL `label,time,event_id`). Sessionized like raw lines.
    case eventLines(EventLinesInput)
    /// Pre-parsed sessions: each line is already a session (`<id>,<ids>`, bare ids, or CSV rows).
    case sequences(SequencesInput)

    public var files: [InputFile] {
        switch self {
        case .raw(let r): return r.files
        case .eventLines(let e): return e.files + [e.templates.file]
        case .sequences(let s): return s.files + [s.templates.file]
        }
    }

    public var kindName: String {
        switch self {
        case .raw: return "raw"
        case .eventLines: return "eventLines"
        case .sequences: return "sequences"
        }
    }
}

public struct RawInput: Codable, Hashable, Sendable {
    public var files: [InputFile]
    /// loghub-style format, e.g. `<Date> <Time> <Pid> <Level> <Component>: <Content>`.
    public var logFormat: String
    public var contentField: String
    public var drain: DrainSettings

    public init(files: [InputFile], logFormat: String, contentField: String = "Content", drain: DrainSettings) {
        self.files = files
        self.logFormat = logFormat
        self.contentField = contentField
        self.drain = drain
    }

    enum CodingKeys: String, CodingKey { case files, logFormat, contentField, drain }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode([InputFile].self, forKey: .files)
        logFormat = try c.decode(String.self, forKey: .logFormat)
        contentField = try c.decodeIfPresent(String.self, forKey: .contentField) ?? "Content"
        drain = try c.decodeIfPresent(DrainSettings.self, forKey: .drain) ?? DrainSettings()
    }
}

public struct EventLinesInput: Codable, Hashable, Sendable {
    public var files: [InputFile]
    /// Column holding the event token (a key of `templates`).
    public var eventColumn: String
    public var templates: TemplateTableSpec

    public init(files: [InputFile], eventColumn: String, templates: TemplateTableSpec) {
        self.files = files
        self.eventColumn = eventColumn
        self.templates = templates
    }
}

public struct SequencesInput: Codable, Hashable, Sendable {
    public enum LineFormat: String, Codable, Hashable, Sendable {
        /// `<session-id>,<space-separated event tokens>`
        case idAndEvents
        /// `<space-separated event tokens>`; the session id is `<file>:<line number>`.
        case events
        /// CSV with a header: `idColumn`, `eventsColumn` (space-separated tokens), optional `labelColumn`.
        case csv
    }
    public var files: [InputFile]
    public var lineFormat: LineFormat
    public var templates: TemplateTableSpec
    public var idColumn: String?
    public var eventsColumn: String?
    public var labelColumn: String?
    /// Values of `labelColumn` that mean anomalous (default `Anomaly`, `Anomalous`, `1`).
    public var anomalyValues: [String]?

    public init(files: [InputFile], lineFormat: LineFormat, templates: TemplateTableSpec,
                idColumn: String? = nil, eventsColumn: String? = nil, labelColumn: String? = nil,
                anomalyValues: [String]? = nil) {
        self.files = files
        self.lineFormat = lineFormat
        self.templates = templates
        self.idColumn = idColumn
        self.eventsColumn = eventsColumn
        self.labelColumn = labelColumn
        self.anomalyValues = anomalyValues
    }
}

// MARK: - Codable with a "kind" discriminator

extension InputSpec: Codable {
    enum KindKey: String, CodingKey { case kind }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: KindKey.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "raw": self = .raw(try RawInput(from: decoder))
        case "eventLines": self = .eventLines(try EventLinesInput(from: decoder))
        case "sequences": self = .sequences(try SequencesInput(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "expected one of \"raw\", \"eventLines\", \"sequences\", found \"\(kind)\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: KindKey.self)
        try c.encode(kindName, forKey: .kind)
        switch self {
        case .raw(let r): try r.encode(to: encoder)
        case .eventLines(let e): try e.encode(to: encoder)
        case .sequences(let s): try s.encode(to: encoder)
        }
    }
}
