import Foundation

/// The event table of a pre-parsed input: template texts in table order, and the map from the
/// tokens used in sequence files (`T3`, `E189`, `17`) to dense 0-based event ids.
public struct TemplateTable: Sendable {
    public var templates: [String]
    public var idByToken: [String: Int32]

    public init(templates: [String], idByToken: [String: Int32]) {
        self.templates = templates
        self.idByToken = idByToken
    }

    /// Reads a table as its spec says.
    public static func load(_ spec: TemplateTableSpec, locations: DataLocations) throws -> TemplateTable {
        let name = InputFileReader.describe(spec.file, in: locations)
        let data = try InputFileReader.data(of: spec.file, in: locations)
        var templates: [String] = []
        var map: [String: Int32] = [:]
        switch spec.format {
        case .lines:
            let base = spec.idBase ?? 1
            InputFileReader.forEachLine(in: data) { bytes, number in
                map[String(base + number - 1)] = Int32(templates.count)
                templates.append(String(decoding: bytes, as: UTF8.self))
            }
        case .csv:
            let table = try CSVLine.table(data, name: name)
            let idCol = try CSVLine.column(spec.idColumn ?? "EventId", in: table.header, file: name)
            let textCol = try CSVLine.column(spec.templateColumn ?? "EventTemplate", in: table.header, file: name)
            for (k, row) in table.rows.enumerated() {
                let token = row[idCol]
                guard map[token] == nil else {
                    throw InputFileError(file: name, line: k + 2, "duplicate template id \"\(token)\"")
                }
                map[token] = Int32(templates.count)
                templates.append(row[textCol])
            }
        }
        for (token, text) in (spec.extra ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard map[token] == nil else {
                throw InputFileError(file: name, "templates.extra: token \"\(token)\" is already in the table")
            }
            map[token] = Int32(templates.count)
            templates.append(text)
        }
        guard !templates.isEmpty else { throw InputFileError(file: name, "template table is empty") }
        return TemplateTable(templates: templates, idByToken: map)
    }

    /// The event id of `token`, or an error naming the file and line where it appeared.
    @inline(__always)
    public func eventId(of token: Substring, file: String, line: Int) throws -> Int32 {
        guard let id = idByToken[String(token)] else {
            throw InputFileError(file: file, line: line, "event \"\(token)\" is not in the template table")
        }
        return id
    }
}
