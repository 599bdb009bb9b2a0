import Foundation

/// Applies a definition's label rule to sessions.
public enum LabelRule {
    /// Labels for `sessions`. `carried` holds labels the input itself carried (sequence files with
    /// `perFile` or `column` rules), one per session.
    public static func labels(for sessions: [SessionDraft], rule: LabelSpec, carried: [SessionLabel]?,
                              locations: DataLocations) throws -> [SessionLabel] {
        switch rule {
        case .none:
            return Array(repeating: .unknown, count: sessions.count)
        case .alertField:
            return sessions.map { $0.alertLines > 0 ? .anomalous : .normal }
        case .perFile, .column:
            guard let carried, carried.count == sessions.count else {
                throw SessionizeError("labels.kind \"\(rule.kindName)\" needs a sequences input that carries labels (file \"label\" or \"labelColumn\")")
            }
            return carried
        case .sessionLabelFile(let file, let idColumn, let labelColumn, let anomalyValues):
            let map = try sessionLabelFile(file, idColumn: idColumn, labelColumn: labelColumn,
                                           anomalyValues: Set(anomalyValues), locations: locations)
            return sessions.map { map[$0.id] ?? .unknown }
        case .anomalousIdList(let file):
            let ids = try idList(file, locations: locations)
            return sessions.map { ids.contains($0.id) ? .anomalous : .normal }
        }
    }

    /// Reads a loghub-style label CSV (`BlockId,Label`, `Normal`/`Anomaly`).
    public static func sessionLabelFile(_ file: InputFile, idColumn: String, labelColumn: String,
                                        anomalyValues: Set<String>, locations: DataLocations) throws -> [String: SessionLabel] {
        let name = InputFileReader.describe(file, in: locations)
        let table = try CSVLine.table(try InputFileReader.data(of: file, in: locations), name: name)
        let idCol = try CSVLine.column(idColumn, in: table.header, file: name)
        let labelCol = try CSVLine.column(labelColumn, in: table.header, file: name)
        var map: [String: SessionLabel] = [:]
        map.reserveCapacity(table.rows.count)
        for row in table.rows {
            map[row[idCol]] = anomalyValues.contains(row[labelCol]) ? .anomalous : .normal
        }
        return map
    }

    /// Reads a list of anomalous ids: each line's trimmed text; prose lines simply match no session.
    public static func idList(_ file: InputFile, locations: DataLocations) throws -> Set<String> {
        let data = try InputFileReader.data(of: file, in: locations)
        var ids = Set<String>()
        InputFileReader.forEachLine(in: data) { bytes, _ in
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { ids.insert(text) }
        }
        return ids
    }
}
