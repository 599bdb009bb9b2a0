import Foundation

/// Feeds parsed lines (fields + event id) to a definition's sessionizer, flagging alert lines
/// when the label rule is a per-line `alertField`. Shared by raw logs and pre-parsed event lines.
struct LineStream {
    private var sessionizer: any Sessionizer
    private let alertIndex: Int?
    private let normalValue: Substring
    private(set) var lines = 0

    init(fieldNames: [String], definition: DatasetDefinition) throws {
        guard let spec = definition.sessions else {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "sessions", message: "line inputs need a \"sessions\" object")
        }
        if definition.order == .groupMajor, case .groupedWindows = spec {} else if definition.order == .groupMajor {
            throw DatasetDefinitionError(file: definition.name, jsonPath: "order",
                                         message: "\"groupMajor\" needs sessions.kind \"groupedWindows\"")
        }
        sessionizer = try spec.makeSessionizer(fieldNames: fieldNames, order: definition.order)
        if case .alertField(let field, let normal) = definition.labels {
            guard let i = fieldNames.firstIndex(of: field) else {
                throw DatasetDefinitionError(file: definition.name, jsonPath: "labels.field",
                                             message: "expected one of the input's fields [\(fieldNames.joined(separator: ", "))], found \"\(field)\"")
            }
            alertIndex = i
            normalValue = Substring(normal)
        } else {
            alertIndex = nil
            normalValue = ""
        }
        switch definition.labels {
        case .perFile, .column:
            throw DatasetDefinitionError(file: definition.name, jsonPath: "labels.kind",
                                         message: "\"\(definition.labels.kindName)\" labels need a \"sequences\" input")
        default: break
        }
    }

    mutating func add(fields: [Substring], eventId: Int32) throws {
        let alert = alertIndex.map { $0 < fields.count && fields[$0] != normalValue } ?? false
        try sessionizer.add(SessionLine(index: lines, eventId: eventId, fields: fields, isAlert: alert))
        lines += 1
    }

    mutating func finish() throws -> SessionizerOutput { try sessionizer.finish() }
}

/// Events and sessions of one input before labels and embeddings.
struct ParsedInput {
    var templates: [String]
    var sessions: [SessionDraft]
    var carriedLabels: [SessionLabel]?
    var lines: Int
    var malformedLines = 0
    var malformedSamples: [String] = []
    var unassignedLines = 0
}

extension DatasetPreparer {
    /// Pre-parsed event lines: CSVs with a header, one event token per row.
    func readEventLines(_ input: EventLinesInput, definition: DatasetDefinition) throws -> ParsedInput {
        let table = try TemplateTable.load(input.templates, locations: locations)
        var stream: LineStream?
        var header: [String]?
        var eventCol = 0
        for file in input.files {
            let name = InputFileReader.describe(file, in: locations)
            let data = try InputFileReader.data(of: file, in: locations)
            try InputFileReader.forEachLine(in: data, maxLines: file.maxLines) { bytes, number in
                if bytes.isEmpty { return }
                let fields = CSVLine.fields(bytes)
                if number == 1 {
                    if let header, header != fields {
                        throw InputFileError(file: name, line: 1, "expected the header of the first file [\(header.joined(separator: ","))], found [\(fields.joined(separator: ","))]")
                    }
                    if header == nil {
                        header = fields
                        eventCol = try CSVLine.column(input.eventColumn, in: fields, file: name)
                        stream = try LineStream(fieldNames: fields, definition: definition)
                    }
                    return
                }
                guard fields.count == header!.count else {
                    throw InputFileError(file: name, line: number, "expected \(header!.count) CSV fields, found \(fields.count)")
                }
                let event = try table.eventId(of: Substring(fields[eventCol]), file: name, line: number)
                try stream!.add(fields: fields.map { Substring($0) }, eventId: event)
            }
        }
        guard var stream else { throw DatasetDefinitionError(file: definition.name, jsonPath: "input.files", message: "no input lines") }
        let out = try stream.finish()
        return ParsedInput(templates: table.templates, sessions: out.sessions, carriedLabels: nil,
                           lines: stream.lines, unassignedLines: out.unassignedLines)
    }
}
