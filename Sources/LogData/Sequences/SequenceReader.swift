import Foundation

/// Sessions read from pre-parsed sequence files, with their labels when the input carries them
/// (`perFile`, `column`), in the listed order (files in order, lines in file order).
public struct SequenceReadResult: Sendable {
    public var table: TemplateTable
    public var sessions: [SessionDraft]
    /// Label carried by the input for each session (`unknown` when it carries none).
    public var carriedLabels: [SessionLabel]
    public var lines: Int
}

public enum SequenceReader {
    public static func read(_ input: SequencesInput, locations: DataLocations) throws -> SequenceReadResult {
        let table = try TemplateTable.load(input.templates, locations: locations)
        var sessions: [SessionDraft] = []
        var labels: [SessionLabel] = []
        var lines = 0
        let anomalyValues = Set(input.anomalyValues ?? ["Anomaly", "Anomalous", "1"])
        for file in input.files {
            let name = InputFileReader.describe(file, in: locations)
            let data = try InputFileReader.data(of: file, in: locations)
            let fileLabel = file.label?.sessionLabel ?? .unknown
            var idCol = -1, eventsCol = -1, labelCol = -1
            try InputFileReader.forEachLine(in: data, maxLines: file.maxLines) { bytes, number in
                lines += 1
                if bytes.isEmpty { return }
                let id: String
                let eventText: Substring
                var label = fileLabel
                switch input.lineFormat {
                case .idAndEvents:
                    guard let comma = bytes.firstIndex(of: 44) else {
                        throw InputFileError(file: name, line: number, "expected \"<session-id>,<event ids>\", found no comma")
                    }
                    id = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<comma]), as: UTF8.self)
                    eventText = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[(comma + 1)...]), as: UTF8.self))
                case .events:
                    id = "\(file.displayName):\(number)"
                    eventText = Substring(String(decoding: bytes, as: UTF8.self))
                case .csv:
                    let fields = CSVLine.fields(bytes)
                    if number == 1 {
                        idCol = try CSVLine.column(input.idColumn ?? "BlockId", in: fields, file: name)
                        eventsCol = try CSVLine.column(input.eventsColumn ?? "EventSequence", in: fields, file: name)
                        if let lc = input.labelColumn { labelCol = try CSVLine.column(lc, in: fields, file: name) }
                        return
                    }
                    guard fields.count > max(idCol, eventsCol, labelCol) else {
                        throw InputFileError(file: name, line: number, "expected at least \(max(idCol, eventsCol, labelCol) + 1) CSV fields, found \(fields.count)")
                    }
                    id = fields[idCol]
                    eventText = Substring(fields[eventsCol])
                    if labelCol >= 0 { label = anomalyValues.contains(fields[labelCol]) ? .anomalous : .normal }
                }
                var events: [Int32] = []
                for token in eventText.split(separator: " ", omittingEmptySubsequences: true) {
                    events.append(try table.eventId(of: token, file: name, line: number))
                }
                sessions.append(SessionDraft(id: id, events: events, firstLine: sessions.count))
                labels.append(label)
            }
        }
        return SequenceReadResult(table: table, sessions: sessions, carriedLabels: labels, lines: lines)
    }
}
