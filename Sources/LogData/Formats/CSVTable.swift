import Foundation

// MARK: - CSVTable: small RFC 4180 reader (loghub structured CSVs, label files)

/// A CSV file read whole (for small files: loghub `*_structured.csv`, label lists). Quoted fields
/// may hold commas, doubled quotes and newlines.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LogDataError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        var records = try CSVTable.parse(String(decoding: data, as: UTF8.self), path: url.path)
        guard !records.isEmpty else { throw LogDataError.badInput(path: url.path, line: 1, reason: "empty CSV") }
        header = records.removeFirst()
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        for (k, r) in records.enumerated() where r.count != header.count {
            throw LogDataError.badInput(path: url.path, line: k + 2,
                                        reason: "\(r.count) fields, header has \(header.count)")
        }
        rows = records
    }

    /// The values of one column by header name.
    public func column(_ name: String) throws -> [String] {
        guard let k = header.firstIndex(of: name) else {
            throw LogDataError.badInput(path: "CSV", line: 1, reason: "no column '\(name)' (have \(header.joined(separator: ",")))")
        }
        return rows.map { $0[k] }
    }

    static func parse(_ text: String, path: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var line = 1
        let bytes = Array(text.utf8)
        var k = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        while k < bytes.count {
            let b = bytes[k]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "\"") { field.append(b); k += 1 }
                    else { inQuotes = false }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A { k += 1 }
                endField(); records.append(record); record = []
                line += 1
            } else {
                field.append(b)
            }
            k += 1
        }
        if inQuotes { throw LogDataError.badInput(path: path, line: line, reason: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        return records
    }
}
